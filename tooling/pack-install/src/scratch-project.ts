// The files of a scratch project that uses the packed packages the way an npm user would.
export const scratchTsconfig = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    outDir: 'out',
    types: ['node'],
  },
  include: ['use.ts'],
});

/** Plain TypeScript a user would write: one adapter, driven through core's HTTP client. */
export const scratchProgram = `
import { createHttpClient, createLimiter, isoWeekCohorts, type Store } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { patentsview } from '@freshet/source-patentsview';
import { samGov } from '@freshet/source-sam-gov';
import { usaspending } from '@freshet/source-usaspending';

const counts = new Map<string, number>();
const quotaStore = {
  async consumeQuota(source: string, day: string, n: number, budget: number | null) {
    const used = (counts.get(source + day) ?? 0) + n;
    if (budget !== null && used > budget) return { granted: false, used: used - n };
    counts.set(source + day, used);
    return { granted: true, used };
  },
  async quotaUsed(source: string, day: string) {
    return counts.get(source + day) ?? 0;
  },
} satisfies Pick<Store, 'consumeQuota' | 'quotaUsed'>;

const source = nih({ baseUrl: process.env.NIH_BASE_URL! });
const quota = { ...source.quota, intervalMs: 1, requestsPerInterval: 1000 };
const limiter = createLimiter({ sourceId: source.id, quota, store: quotaStore });
const http = createHttpClient({ sourceId: source.id, limiter, quota });
const cohort = isoWeekCohorts({ prefix: 'project_week' }).parse(process.env.NIH_COHORT!);
const partition = { key: 'nih:' + cohort.key, source: 'nih', cohort };

let cursor = null;
let records = 0;
for (;;) {
  const slice = await source.fetchSlice({
    partition,
    cursor,
    options: source.options,
    http,
    signal: new AbortController().signal,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    clock: { now: () => new Date(), sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)) },
  });
  records += slice.records.length;
  if (slice.done) break;
  cursor = slice.cursor;
}
await limiter.stop();
const factories = [samGov, usaspending, patentsview].map((f) => typeof f);
console.log(JSON.stringify({ records, calls: http.stats().calls, factories }));
`;

/** Throws from inside core, so the stack trace runs through an installed package's source map. */
export const traceProgram = `
import { parsePartitionKey } from '@freshet/core';
try {
  parsePartitionKey('not-a-partition', {});
} catch (err) {
  console.log(err.stack);
}
`;
