import { z } from 'zod';
import { quoteInput } from '../echo-input.js';

// Asset names show up in run keys, logs and the UI: one plain token, the same for the
// configuration, `freshet assets report`, the sensor and the UI.
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$/;

/** The rule, worded to complete "must be …" and "… is not valid: use …". */
export const ASSET_NAME_RULE =
  'letters, digits and _ . : / -, starting with a letter or digit, at most 128 characters, like bulk_enrichment';

export function isAssetName(name: unknown): name is string {
  return typeof name === 'string' && ASSET_NAME.test(name);
}

/** Why `name` is not an asset name, or null when it is one. */
export function assetNameProblem(name: unknown): string | null {
  if (isAssetName(name)) return null;
  return `asset name ${quoteInput(name)} is not valid: use ${ASSET_NAME_RULE}`;
}

/** An upstream asset name in the configuration (messages complete "<key> must be …"). */
export const assetNameSchema = z
  .string({ error: `an asset name: ${ASSET_NAME_RULE}` })
  .regex(ASSET_NAME, { error: `an asset name: ${ASSET_NAME_RULE}` });
