import type { CompanionSource } from '@freshet/testkit';
import { tsLiteral } from './ts-literal.js';

/** One source of the printed configuration: how it is made, and with what. */
export interface SnippetSource {
  source: CompanionSource;
  options: Record<string, unknown>;
  range?: string | undefined;
}

export interface SnippetInput {
  sources: readonly SnippetSource[];
  /** Where the configuration keeps its own store and state, apart from live data. */
  dataDir: string;
}

/**
 * A `freshet.config.ts` with every source pointed at a running simulator: each imported from
 * its package, with the options and the partition range its companion gives.
 */
export function simConfigSnippet(input: SnippetInput): string {
  const imports = new Map<string, Set<string>>();
  for (const { source } of input.sources) {
    imports.set(source.package, (imports.get(source.package) ?? new Set()).add(source.factory));
  }
  const importLines = [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pkg, names]) => `import { ${[...names].sort().join(', ')} } from ${tsLiteral(pkg)};`);
  const entries = input.sources.map(({ source, options, range }) => {
    const made = `${source.factory}(${tsLiteral(options)})`;
    return `    { source: ${made}${range === undefined ? '' : `, range: ${tsLiteral(range)}`} },`;
  });
  return `import { defineConfig } from '@freshet/core';
${importLines.join('\n')}

// Every source pointed at \`freshet sim\`; its own store, so live data stays apart.
export default defineConfig({
  store: { kind: 'sqlite', path: ${tsLiteral(`${input.dataDir}/freshet.sqlite`)} },
  state: { path: ${tsLiteral(`${input.dataDir}/state/enrichment_refresh_state.json`)} },
  sensor: { upstreamAssets: ['bulk_enrichment'], intervalSeconds: 10 },
  sources: [
${entries.join('\n')}
  ],
});
`;
}
