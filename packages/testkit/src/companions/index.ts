import { nihCompanion } from './nih.js';
import { patentsviewCompanion } from './patentsview.js';
import { samGovCompanion } from './sam-gov.js';
import type { SourceCompanion } from './types.js';
import { usaspendingCompanion } from './usaspending.js';

export { COMPANION_API_KEY } from './keys.js';
export { SPED_UP_WINDOW_SLACK_MS, speedUpRateLimit } from './speed-up.js';
export * from './types.js';
export { nihCompanion, patentsviewCompanion, samGovCompanion, usaspendingCompanion };

/**
 * The first-party sources' companions, in port order: `freshet sim --port-base n` serves the
 * i-th on n + i whichever of them are configured, and any other source after them.
 */
export const companions: readonly SourceCompanion[] = [
  nihCompanion,
  samGovCompanion,
  usaspendingCompanion,
  patentsviewCompanion,
];
