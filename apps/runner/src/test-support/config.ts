import { join } from 'node:path';
import { type AnySource, type QuotaOverrides, type ResolvedConfig, resolveConfig } from '@freshet/core';

/** The configuration `config/freshet.config.ts` in `dir` would resolve to. */
export function testConfig(
  dir: string,
  sources: Array<{
    source: AnySource;
    quota?: QuotaOverrides;
    sla?: string;
    range?: string;
    enabled?: boolean;
  }>,
  extra: { upstreamAssets?: string[]; cron?: string; maxParallelPartitions?: number } = {},
): Promise<ResolvedConfig> {
  return resolveConfig(
    {
      sources,
      sensor: { upstreamAssets: extra.upstreamAssets ?? ['bulk_enrichment'] },
      schedule: { cron: extra.cron ?? '0 2 * * *', timezone: 'UTC' },
      run: { maxParallelPartitions: extra.maxParallelPartitions ?? 2, leaseTtlSeconds: 60 },
    },
    { filepath: join(dir, 'config', 'freshet.config.ts'), env: {} },
  );
}
