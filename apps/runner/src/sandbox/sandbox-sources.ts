import type { AnySource, QuotaOverrides } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { patentsview } from '@freshet/source-patentsview';
import { samGov } from '@freshet/source-sam-gov';
import { usaspending } from '@freshet/source-usaspending';
import { SIMULATOR_API_KEY } from '../simulators/keys.js';
import { rangesOf } from '../simulators/ranges.js';
import type { SimulatorSet } from '../simulators/simulator-set.js';
import { speedUpQuota } from './speed-up.js';

export interface SandboxSourceEntry {
  source: AnySource;
  range?: string;
  quota: QuotaOverrides;
}

/** UEIs the sandbox's SAM.gov source looks up: registered ones, and two the API does not know. */
const REGISTERED_UEIS = 45;
const UNKNOWN_UEIS = 2;

/**
 * The four sources as the default configuration has them, pointed at the simulators, with
 * small pages (so every partition takes several slices) and quotas sped up by `speedup`.
 */
export function sandboxSources(sims: SimulatorSet, speedup: number): SandboxSourceEntry[] {
  const ranges = rangesOf(sims);
  const entry = (source: AnySource, range?: string): SandboxSourceEntry => ({
    source,
    quota: speedUpQuota(source.quota, speedup),
    ...(range === undefined ? {} : { range }),
  });
  return [
    entry(
      usaspending({ baseUrl: sims.usaspending.baseUrl, awardTypeGroups: ['contracts', 'grants'], limit: 10 }),
      ranges.usaspending,
    ),
    entry(
      samGov({
        baseUrl: sims.samGov.baseUrl,
        apiKey: SIMULATOR_API_KEY,
        ueis: [...sims.samGov.ueis().slice(0, REGISTERED_UEIS), ...sims.samGov.missingUeis(UNKNOWN_UEIS)],
        batchSize: 20,
      }),
    ),
    entry(nih({ baseUrl: sims.nih.baseUrl, limit: 10 }), ranges.nih),
    entry(
      patentsview({ baseUrl: sims.patentsview.baseUrl, apiKey: SIMULATOR_API_KEY, pageSize: 15 }),
      ranges.patentsview,
    ),
  ];
}
