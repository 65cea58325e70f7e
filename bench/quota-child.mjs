// The engine side of the quota benchmark: the four real sources with their default quotas,
// pointed at the simulators, several partitions of each in flight at once, until killed.
// `slots`: `per-source` (each source its own parallel partitions) or `shared` (one pool).
// A process of its own, so the simulators' work (building pages) does not delay its timers.
import { join } from 'node:path';
import {
  executePartitions,
  formatPartitionKey,
  parseDuration,
  silentLogger,
  systemClock,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { importFromRunner, importRunner } from './workspace.mjs';

const setup = JSON.parse(process.env.BENCH_QUOTA);
const { nih } = await importFromRunner('@freshet/source-nih');
const { patentsview } = await importFromRunner('@freshet/source-patentsview');
const { samGov } = await importFromRunner('@freshet/source-sam-gov');
const { usaspending } = await importFromRunner('@freshet/source-usaspending');
const { createEngineSources } = await importRunner();

// Page sizes are options, not quotas: smaller pages keep the simulators' CPU out of the way.
const configured = [
  { source: nih({ baseUrl: setup.urls.nih, limit: setup.pages.nih }), range: setup.ranges.nih },
  {
    source: patentsview({
      baseUrl: setup.urls.patentsview,
      apiKey: setup.apiKey,
      pageSize: setup.pages.patentsview,
    }),
    range: setup.ranges.patentsview,
  },
  {
    source: usaspending({
      baseUrl: setup.urls.usaspending,
      awardTypeGroups: ['contracts', 'grants'],
      limit: setup.pages.usaspending,
    }),
    range: setup.ranges.usaspending,
  },
  { source: samGov({ baseUrl: setup.urls.samGov, apiKey: setup.apiKey, ueis: setup.ueis, batchSize: 100 }) },
];

// In the parent's temporary directory: this process is killed, so it cannot clean up after itself.
const store = await openSqliteStore({ path: join(setup.dir, 'quota.sqlite') });
const resolved = configured.map(({ source, range }) => ({
  source,
  quota: source.quota, // the defaults, untouched: they are what is measured
  sla: source.sla,
  slaMs: parseDuration(source.sla),
  enabled: true,
  ...(range ? { range } : {}),
}));
const engine = createEngineSources({ store, sources: resolved, clock: systemClock, logger: silentLogger });

const lists = await Promise.all(
  resolved.map(async ({ source, range }) =>
    (await source.listPartitions({ options: source.options, range, now: new Date() })).map((cohort) => ({
      partition: { key: formatPartitionKey(source.id, cohort), source: source.id, cohort },
    })),
  ),
);
console.log(JSON.stringify({ started: true, partitions: lists.map((l) => l.length) }));
const execute = (work, maxParallelPartitions) =>
  executePartitions({ store, sources: engine.sources, work, runId: 'bench-quota', maxParallelPartitions });
let results;
if (setup.slots === 'per-source') {
  // Each source its own slots: what the limiters achieve when every source always has work.
  const bySource = lists.map(async (list, i) => {
    const done = await execute(list, setup.parallelPerSource);
    // A source that runs dry before the parent stops us would measure low.
    console.log(JSON.stringify({ ranOut: resolved[i].source.id }));
    return done;
  });
  results = (await Promise.all(bySource)).flat();
} else {
  // One pool of slots for all sources, as `freshet run` has (run.maxParallelPartitions), filled
  // round-robin: the fairest order a shared pool can get (the planner orders by partition key).
  const work = [];
  for (let i = 0; lists.some((list) => i < list.length); i++) {
    for (const list of lists) if (i < list.length) work.push(list[i]);
  }
  results = await execute(work, setup.parallelPerSource * lists.length);
}
console.log(JSON.stringify({ ranOut: 'all', failed: results.filter((r) => r.outcome === 'failed').length }));
await engine.stop();
await store.close();
