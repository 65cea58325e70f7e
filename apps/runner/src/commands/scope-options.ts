import type { Command } from 'commander';
import type { RunScope } from '../planner/types.js';

export interface ScopeFlags {
  source?: string[];
  partition?: string[];
  window?: string;
  force?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** --source, --partition, --window: the same scope for `run` and `plan`. */
export function addScopeOptions(command: Command): Command {
  return command
    .option('-s, --source <id>', 'only this source (repeat for more), e.g. nih', collect, [])
    .option(
      '-p, --partition <key>',
      'exactly this partition (repeat for more), e.g. nih:project_week_2025-W12',
      collect,
      [],
    )
    .option(
      '-w, --window <range>',
      'a cohort window of the sources in scope, e.g. 2025-W10..2025-W14 (weeks), 2025-01..2025-03 (months), 2024..2025 (years)',
    );
}

export function scopeOf(flags: ScopeFlags): RunScope {
  const sources = flags.source ?? [];
  return {
    sources: sources.length > 0 ? [...new Set(sources)] : null,
    partitions: [...new Set(flags.partition ?? [])],
    window: flags.window ?? null,
    force: flags.force === true,
  };
}
