import { type Kysely, sql } from 'kysely';
import { byMostOverdue, type SlaGap } from '../freshness/sla-gaps.js';
import { chunk } from './chunk.js';
import type { StoreDialect } from './dialect.js';
import type { FreshnessSummary, FreshnessSummaryQuery } from './freshness-summary.js';
import { fromMs, fromMsOrNull, toMs, toNumber } from './rows.js';
import type { Database } from './schema.js';

type Int = number | string | bigint;

/** The totals row (`kind` 0) and the top gap rows (`kind` 1) of one statement. */
interface SummaryRow {
  kind: Int;
  partition_key: string | null;
  last_complete_at: Int | null;
  breached_since: Int | null;
  total: Int | null;
  complete: Int | null;
  running: Int | null;
  failed: Int | null;
  never_run: Int | null;
  gaps: Int | null;
}

/**
 * One statement: the listed keys joined to their checkpoints once (materialised), then the
 * counts over all of them and the top gaps by breach time, never-run last. The gap rules are
 * `listSlaGaps`'s: no checkpoint is never run; no completion ever is in breach since its first
 * start; a completion older than the SLA is in breach since it lapsed. Keys sort in binary
 * order (on Postgres a store must say `collate "C"` to match).
 */
export async function freshnessSummary(
  db: Kysely<Database>,
  dialect: StoreDialect,
  query: FreshnessSummaryQuery,
): Promise<FreshnessSummary> {
  const { source, slaMs } = query;
  const staleBefore = toMs(query.now) - slaMs;
  const unique = new Set(query.partitionKeys);
  const keys = unique.size === query.partitionKeys.length ? query.partitionKeys : [...unique];
  const limit = Math.max(0, Math.trunc(query.mostOverdue));
  const { rows } = await sql<SummaryRow>`
    with listed as materialized (
      select k.value as partition_key, c.partition_key as checkpointed, c.status, c.last_complete_at,
        case
          when c.partition_key is null then null
          when c.last_complete_at is null then c.started_at
          when c.last_complete_at < ${staleBefore} then c.last_complete_at + ${slaMs}
        end as breached_since
      from ${dialect.jsonStrings(JSON.stringify(keys), 'k')}
      left join checkpoints c on c.partition_key = k.value and c.source = ${source}
    ),
    gaps as (
      select * from listed where checkpointed is null or breached_since is not null
    )
    select 0 as kind, null as partition_key, null as last_complete_at, null as breached_since,
      count(*) as total,
      count(*) filter (where status = 'complete') as complete,
      count(*) filter (where status = 'running') as running,
      count(*) filter (where status = 'failed') as failed,
      count(*) filter (where checkpointed is null) as never_run,
      (select count(*) from gaps) as gaps
    from listed
    union all
    select * from (
      -- Typed nulls: Postgres types a bare null in a subquery as text, which no count unions with.
      select 1, partition_key, last_complete_at, breached_since, cast(null as bigint), cast(null as bigint),
        cast(null as bigint), cast(null as bigint), cast(null as bigint), cast(null as bigint)
      from gaps
      order by breached_since is null, breached_since, partition_key
      limit ${limit}
    ) as top`.execute(db);

  const totals = rows.find((r) => toNumber(r.kind) === 0);
  const top = rows.filter((r) => toNumber(r.kind) === 1);
  const stale = await staleCountsOf(
    db,
    source,
    top.map((r) => r.partition_key as string),
    staleBefore,
    dialect.maxParameters,
  );
  const mostOverdue = top.map((r): SlaGap => {
    const partitionKey = r.partition_key as string;
    const lastCompleteAt = fromMsOrNull(r.last_complete_at);
    return {
      partitionKey,
      source,
      reason:
        r.breached_since === null ? 'never_run' : lastCompleteAt === null ? 'never_completed' : 'expired',
      breachedSince: r.breached_since === null ? null : fromMs(r.breached_since),
      lastCompleteAt,
      staleRecords: stale.get(partitionKey) ?? 0,
    };
  });
  return {
    source,
    partitions: {
      total: toNumber(totals?.total),
      complete: toNumber(totals?.complete),
      running: toNumber(totals?.running),
      failed: toNumber(totals?.failed),
      neverRun: toNumber(totals?.never_run),
    },
    slaGaps: toNumber(totals?.gaps),
    // A union keeps no order of its own: the few rows are put in order here.
    mostOverdue: mostOverdue.sort(byMostOverdue),
  };
}

/** Stale-record counts of a few partitions of one source (the index covers the query). */
async function staleCountsOf(
  db: Kysely<Database>,
  source: string,
  partitionKeys: string[],
  staleBefore: number,
  maxParameters: number,
): Promise<Map<string, number>> {
  const stale = new Map<string, number>();
  // Room for the source and the cutoff beside the keys.
  for (const part of chunk(partitionKeys, maxParameters - 2)) {
    const rows = await db
      .selectFrom('records')
      .select((eb) => ['partition_key', eb.fn.countAll().as('stale')])
      .where('source', '=', source)
      .where('partition_key', 'in', part)
      .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', staleBefore)]))
      .groupBy('partition_key')
      .execute();
    for (const r of rows) stale.set(r.partition_key, toNumber(r.stale));
  }
  return stale;
}
