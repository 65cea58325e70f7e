import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { openSqliteStore } from '../sqlite.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { COPY_MARKER_KEY, copyStore } from './copy.js';
import type { Store } from './types.js';

const dir = tempDirPerTest('freshet-copy-');
const open = (name: string) => openSqliteStore({ path: join(dir(), `${name}.sqlite`) });
const at = (n: number) => new Date(Date.UTC(2025, 2, 1) + n * 1000);

/** A store with some of everything: records in two revisions, a run, events, a lease, quota. */
async function filled(): Promise<Store> {
  const store = await open('from');
  for (let batch = 0; batch < 5; batch++) {
    const records = Array.from({ length: 30 }, (_, i) => ({
      key: `k${batch}-${i}`,
      hash: `h${batch}-${i}`,
      json: JSON.stringify({ batch, i }),
    }));
    await store.upsertRecords({ source: 'nih', partitionKey: `nih:w${batch}`, records, at: at(batch) });
  }
  await store.upsertRecords({
    source: 'nih',
    partitionKey: 'nih:w0',
    records: [{ key: 'k0-0', hash: 'changed', json: '{"batch":0,"i":0,"v":2}' }],
    at: at(10),
  });
  await store.createRun({
    id: 'run-1',
    runKey: null,
    trigger: 'manual',
    status: 'succeeded',
    scope: {},
    plan: null,
    metadata: {},
    startedAt: at(0),
    finishedAt: at(20),
    error: null,
  });
  await store.appendAssetEvent({ asset: 'bulk', status: 'success', message: null, at: at(1) });
  await store.appendAssetEvent({ asset: 'bulk', status: 'failure', message: 'x', at: at(2) });
  await store.acquireLease('nih:w1', 'w-1', 60_000, at(0));
  await store.consumeQuota('nih', '2025-03-01', 7, null);
  await store.setMeta('schedule.lastTick', '2025-03-01T02:00:00Z');
  return store;
}

async function snapshot(store: Store) {
  const keys: string[] = [];
  for await (const key of store.recordKeys('nih')) keys.push(key);
  return {
    records: await Promise.all(keys.sort().map((k) => store.getRecord('nih', k))),
    runs: await store.listRuns(),
    events: await store.listAssetEvents(),
    leases: await store.listLeases(at(0)),
    quota: await store.quotaUsed('nih', '2025-03-01'),
    meta: await store.getMeta('schedule.lastTick'),
    watermark: await store.ledgerWatermark(),
    changes: await store.listChanges({ since: new Date(0), limit: 5000 }),
    revisions: await store.listRevisions('nih', 'k0-0'),
  };
}

describe('copyStore', () => {
  it('copies every table into an empty store, counts checked, and the copy works on from there', async () => {
    const from = await filled();
    const to = await open('to');
    const report = await copyStore(from, to, { batchRows: 40 });
    expect(report.resumed).toBe(false);
    expect(report.tables).toMatchObject({
      records: 150,
      runs: 1,
      asset_events: 2,
      leases: 1,
      quota_usage: 1,
      // k0-0's first payload, and 150 created plus 1 changed in the feed.
      record_revisions: 1,
      record_changes: 151,
    });
    expect(await snapshot(to)).toEqual(await snapshot(from));
    expect(await to.getMeta(COPY_MARKER_KEY)).toBeNull();
    // Generated ids go on after the copied ones.
    expect(
      (await to.appendAssetEvent({ asset: 'bulk', status: 'success', message: null, at: at(3) })).id,
    ).toBe(3);
    await Promise.all([from.close(), to.close()]);
  });

  it('goes on where an interrupted copy stopped, and refuses a target holding other data unless told to replace it', async () => {
    const from = await filled();
    const to = await open('to');
    const boom = new Error('killed');
    await expect(
      copyStore(from, to, {
        batchRows: 40,
        onProgress: ({ table, copied }) => {
          if (table === 'records' && copied >= 80) throw boom;
        },
      }),
    ).rejects.toBe(boom);
    expect(await to.countRecords({ source: 'nih' })).toBe(80);

    const resumed = await copyStore(from, to, { batchRows: 40 });
    expect(resumed.resumed).toBe(true);
    expect(await snapshot(to)).toEqual(await snapshot(from));

    const other = await open('other');
    await other.setMeta('mine', 1);
    const refused = await copyStore(from, other).catch((e: unknown) => e);
    expect(isFreshetError(refused, ErrorCodes.STORE_ERROR)).toBe(true);
    expect((refused as Error).message).toContain('already holds data; nothing was copied');
    expect(await other.getMeta('mine')).toBe(1);

    await copyStore(from, other, { replace: true });
    expect(await other.getMeta('mine')).toBeNull();
    expect(await snapshot(other)).toEqual(await snapshot(from));
    await Promise.all([from.close(), to.close(), other.close()]);
  });
});
