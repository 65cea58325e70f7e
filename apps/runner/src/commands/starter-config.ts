/** The first-party sources `freshet init` can configure, in the order a starter config lists them. */
export const STARTER_SOURCES = ['usaspending', 'sam_gov', 'nih', 'patentsview'] as const;
export type StarterSource = (typeof STARTER_SOURCES)[number];

/** The variable that points each source at another API root: `freshet sim`, a proxy, a mirror. */
export const BASE_URL_VARIABLES: Readonly<Record<StarterSource, string>> = {
  usaspending: 'USASPENDING_BASE_URL',
  sam_gov: 'SAM_GOV_BASE_URL',
  nih: 'NIH_BASE_URL',
  patentsview: 'PATENTSVIEW_BASE_URL',
};

/** Where SAM.gov looks up UEIs when USAspending is not configured to discover them. */
export const UEI_FILE = 'data/ueis.txt';

const IMPORTS: Readonly<Record<StarterSource, string>> = {
  usaspending: "import { usaspending } from '@freshet/source-usaspending';",
  sam_gov: "import { samGov } from '@freshet/source-sam-gov';",
  nih: "import { nih } from '@freshet/source-nih';",
  patentsview: "import { patentsview } from '@freshet/source-patentsview';",
};

function entry(source: StarterSource, sources: readonly StarterSource[]): string {
  const base = `baseUrl('${BASE_URL_VARIABLES[source]}')`;
  switch (source) {
    case 'usaspending':
      return `    // Awards by fiscal year (the current one and two before); refreshed daily, as the API loads daily.
    usaspending(${base}),`;
    case 'sam_gov': {
      const ueis = sources.includes('usaspending')
        ? "ueisFromSources: [{ source: 'usaspending', field: 'Recipient UEI' }]"
        : `ueiFile: '${UEI_FILE}'`;
      const from = sources.includes('usaspending')
        ? 'the USAspending award recipients'
        : `the UEIs in ${UEI_FILE}`;
      return `    // Entity registrations of ${from}, 100 UEIs a partition. It reads
    // SAM_GOV_API_KEY; SAM.gov refuses requests without one, so it stays disabled until the key is set.
    { source: samGov({ ...${base}, ${ueis} }), enabled: Boolean(env.SAM_GOV_API_KEY) },`;
    }
    case 'nih':
      return `    // SBIR/STTR projects by ISO week of award notice (the last 12 weeks); no key needed.
    nih(${base}),`;
    case 'patentsview':
      return `    // Patents by grant month (the last 12 months); it reads PATENTSVIEW_API_KEY, and without
    // one every request is refused, so it stays disabled until the key is set.
    { source: patentsview(${base}), enabled: Boolean(env.PATENTSVIEW_API_KEY) },`;
  }
}

/** `freshet.config.ts` for `sources`: keys and API roots from the environment, paths relative to it. */
export function starterConfig(sources: readonly StarterSource[]): string {
  const chosen = STARTER_SOURCES.filter((s) => sources.includes(s));
  return `// The Freshet configuration. Relative paths are relative to this file. Keys come from the
// environment, or from the .env file beside this one, never from here.
import { existsSync } from 'node:fs';
import { defineConfig } from '@freshet/core';
${chosen.map((s) => IMPORTS[s]).join('\n')}

// Variables in .env beside this file join the environment; those already set win. Loading it
// needs Node 20.12 or later: on older Node, export the variables in the shell instead.
const envFile = new URL('.env', import.meta.url);
if (existsSync(envFile)) process.loadEnvFile?.(envFile);
const env = process.env;

// A source's API root from its *_BASE_URL variable when set (\`freshet sim\`, a proxy); else the real API.
const baseUrl = (variable: string) => (env[variable] ? { baseUrl: env[variable] } : {});

export default defineConfig({
  store: { kind: 'sqlite', path: 'data/freshet.sqlite' },
  state: { path: 'data/state/enrichment_refresh_state.json' },
  // \`freshet daemon\` runs nightly. Add \`sensor: { upstreamAssets: ['bulk_enrichment'] }\` to run
  // only after \`freshet assets report bulk_enrichment --status success\`.
  schedule: { cron: '0 2 * * *', timezone: 'UTC' },
  sources: [
${chosen.map((s) => entry(s, chosen)).join('\n')}
  ],
});
`;
}

/** The first port of `freshet sim` and each simulator's offset from it (its slot). */
export interface SimPorts {
  base: number;
  slots: Readonly<Record<string, number>>;
}

/** `.env`: the keys the chosen sources need, and the lines that point them at `freshet sim`. */
export function starterEnv(sources: readonly StarterSource[], sim: SimPorts, simKey: string): string {
  const chosen = STARTER_SOURCES.filter((s) => sources.includes(s));
  const lines = [
    '# Read by freshet.config.ts; variables already set in the environment win. It holds secrets:',
    '# keep it out of version control.',
  ];
  if (chosen.includes('sam_gov')) {
    lines.push(
      '',
      '# SAM.gov entity API key (sam.gov, Account Details); without it sam_gov stays disabled.',
      'SAM_GOV_API_KEY=',
    );
  }
  if (chosen.includes('patentsview')) {
    lines.push(
      '',
      '# PatentsView API key (patentsview.org/apis/keyrequest); without it patentsview stays disabled.',
      'PATENTSVIEW_API_KEY=',
    );
  }
  const needsKey = chosen.filter((s) => s === 'sam_gov' || s === 'patentsview');
  lines.push(
    '',
    '# To try it offline: run `freshet sim` here in another terminal, uncomment these lines, then run',
    '# the partitions its data covers (it prints them), e.g. freshet run --source nih --window 2024-W01..2024-W08',
    ...chosen.map((s) => `# ${BASE_URL_VARIABLES[s]}=http://127.0.0.1:${sim.base + (sim.slots[s] ?? 0)}`),
    ...(needsKey.length > 0
      ? [`# The simulators take the key ${simKey}: set ${needsKey.map(keyVariable).join(' and ')} to it.`]
      : []),
  );
  return `${lines.join('\n')}\n`;
}

const keyVariable = (source: StarterSource) =>
  source === 'sam_gov' ? 'SAM_GOV_API_KEY' : 'PATENTSVIEW_API_KEY';

/** A UEI file to fill in, when SAM.gov has no USAspending to discover UEIs from. */
export const STARTER_UEI_FILE = `# The UEIs the sam_gov source looks up, one a line (12 characters, like ZQGGHJH74DW7).
# Lines starting with # are ignored.
`;
