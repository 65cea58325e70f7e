import type { AnySource, QuotaOverrides } from '@freshet/core';
import { companionSource } from '../simulators/companion-source.js';
import type { SimulatorSet } from '../simulators/simulator-set.js';
import { speedUpQuota } from './speed-up.js';

export interface SandboxSourceEntry {
  source: AnySource;
  range?: string;
  quota: QuotaOverrides;
}

/**
 * A source per running simulator, made with the options its companion gives for the sandbox
 * (small pages, so every partition takes several slices), over the range that covers the
 * simulator's data, with its quota sped up by `speedup`.
 */
export async function sandboxSources(sims: SimulatorSet, speedup: number): Promise<SandboxSourceEntry[]> {
  const entries: SandboxSourceEntry[] = [];
  for (const entry of sims.entries) {
    const source = await companionSource(entry, entry.companion.sandbox.options(entry.simulator));
    const range = entry.companion.range?.(entry.simulator);
    entries.push({
      source,
      quota: speedUpQuota(source.quota, speedup),
      ...(range === undefined ? {} : { range }),
    });
  }
  return entries;
}
