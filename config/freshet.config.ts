// The runnable default configuration: `freshet status`, `freshet plan`, `freshet run` from the
// repository root find it. Secrets come from the environment only (SAM_GOV_API_KEY,
// PATENTSVIEW_API_KEY) and are redacted from every message and log line.
import { defineConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { patentsview } from '@freshet/source-patentsview';
import { samGov } from '@freshet/source-sam-gov';
import { usaspending } from '@freshet/source-usaspending';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: read when freshet loads this file, never by a turbo task.
const samGovApiKey = process.env.SAM_GOV_API_KEY;
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read when freshet loads this file, never by a turbo task.
const patentsViewApiKey = process.env.PATENTSVIEW_API_KEY;

export default defineConfig({
  store: { kind: 'sqlite', path: 'data/freshet.sqlite' },
  state: { path: 'data/state/enrichment_refresh_state.json' },
  // Nightly, after the bulk enrichment's own night window.
  schedule: { cron: '0 2 * * *', timezone: 'UTC' },
  sensor: { upstreamAssets: ['bulk_enrichment'], intervalSeconds: 60 },
  run: { maxParallelPartitions: 4, leaseTtlSeconds: 300 },
  sources: [
    // Awards by fiscal year (the current one and two before); refreshed daily, as the API loads daily.
    usaspending(),
    // Entity registrations of the award recipients above, 100 UEIs a partition. SAM.gov refuses
    // every request without a key, so without SAM_GOV_API_KEY the source stays configured but
    // disabled (`freshet status` says why), and the others still run.
    {
      source: samGov({
        ...(samGovApiKey ? { apiKey: samGovApiKey } : {}),
        ueisFromSources: [{ source: 'usaspending', field: 'Recipient UEI' }],
      }),
      enabled: Boolean(samGovApiKey),
    },
    // SBIR/STTR projects by ISO week of award notice (the last 12 weeks); no key needed.
    nih(),
    // Patents by grant month (the last 12 months). Without a key every request is refused, so
    // the source stays configured but disabled until PATENTSVIEW_API_KEY is set.
    {
      source: patentsview({ ...(patentsViewApiKey ? { apiKey: patentsViewApiKey } : {}) }),
      enabled: Boolean(patentsViewApiKey),
    },
  ],
});
