// The store after a chaos run, compared with the simulators' truth: records lost, records
// written twice or in the wrong place, payloads that differ, and partitions marked complete
// while the API has records they do not hold. Read straight from the SQLite file, read-only.
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';

export function verifyStore(storePath, truth) {
  if (!existsSync(storePath)) return compareWithTruth([], new Map(), truth);
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        "select source, key, partition_key, revision, payload from records where status != 'not_found'",
      )
      .all();
    const checkpoints = new Map(
      db
        .prepare('select partition_key, status from checkpoints')
        .all()
        .map((c) => [c.partition_key, c.status]),
    );
    return compareWithTruth(rows, checkpoints, truth);
  } finally {
    db.close();
  }
}

/**
 * Stored records (`{ source, key, partition_key, revision, payload }`, payload as JSON text) and
 * checkpoint statuses by partition, against the truth: what is lost, written twice or in the
 * wrong place, and which partitions are complete while missing records.
 */
export function compareWithTruth(rows, checkpoints, truth) {
  const result = {
    expected: 0,
    lost: [],
    // Nothing changed upstream during a run, so any second revision is a record written twice.
    rewritten: [],
    wrongPartition: [],
    unexpected: [],
    payloadMismatches: [],
    wronglyComplete: [],
    notComplete: [],
  };
  for (const { keys } of truth.values()) result.expected += keys.length;
  const stored = new Map(rows.map((r) => [`${r.source}\u0000${r.key}`, r]));
  const expectedAt = new Map();
  for (const [partition, { source, keys, payload }] of truth) {
    let missing = 0;
    for (const key of keys) {
      expectedAt.set(`${source}\u0000${key}`, partition);
      const row = stored.get(`${source}\u0000${key}`);
      if (!row) {
        missing++;
        result.lost.push(`${partition} ${key}`);
        continue;
      }
      if (row.partition_key !== partition) result.wrongPartition.push(`${key}: ${row.partition_key}`);
      if (Number(row.revision) > 1) result.rewritten.push(`${partition} ${key} revision ${row.revision}`);
      if (payload && !isDeepStrictEqual(JSON.parse(row.payload), payload(key))) {
        result.payloadMismatches.push(`${partition} ${key}`);
      }
    }
    const status = checkpoints.get(partition) ?? 'never run';
    if (status === 'complete' && missing > 0)
      result.wronglyComplete.push(`${partition} (${missing} missing)`);
    if (status !== 'complete') result.notComplete.push(`${partition}: ${status}`);
  }
  for (const row of rows) {
    if (!expectedAt.has(`${row.source}\u0000${row.key}`))
      result.unexpected.push(`${row.partition_key} ${row.key}`);
  }
  return result;
}
