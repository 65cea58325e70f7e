import type { SimulatorRanges } from './ranges.js';

export interface SnippetInput {
  urls: { nih: string; samGov: string; usaspending: string; patentsview: string };
  ranges: SimulatorRanges;
  apiKey: string;
  /** The file of UEIs the SAM.gov simulator holds, relative to where freshet runs. */
  ueiFile: string;
  /** Where the configuration keeps its own store and state, apart from live data. */
  dataDir: string;
}

/**
 * A `freshet.config.ts` with the four sources pointed at running simulators: their base URLs,
 * the key they accept, and partition ranges that cover their datasets.
 */
export function simConfigSnippet(input: SnippetInput): string {
  const { urls, ranges, apiKey } = input;
  const q = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `import { defineConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { patentsview } from '@freshet/source-patentsview';
import { samGov } from '@freshet/source-sam-gov';
import { usaspending } from '@freshet/source-usaspending';

// Every source pointed at \`freshet sim\`; its own store, so live data stays apart.
export default defineConfig({
  store: { kind: 'sqlite', path: ${q(`${input.dataDir}/freshet.sqlite`)} },
  state: { path: ${q(`${input.dataDir}/state/enrichment_refresh_state.json`)} },
  sensor: { upstreamAssets: ['bulk_enrichment'], intervalSeconds: 10 },
  sources: [
    { source: usaspending({ baseUrl: ${q(urls.usaspending)} }), range: ${q(ranges.usaspending)} },
    {
      source: samGov({ baseUrl: ${q(urls.samGov)}, apiKey: ${q(apiKey)}, ueiFile: ${q(input.ueiFile)} }),
    },
    { source: nih({ baseUrl: ${q(urls.nih)} }), range: ${q(ranges.nih)} },
    {
      source: patentsview({ baseUrl: ${q(urls.patentsview)}, apiKey: ${q(apiKey)} }),
      range: ${q(ranges.patentsview)},
    },
  ],
});
`;
}
