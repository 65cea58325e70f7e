import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { openSqliteStore } from '../sqlite.js';
import type { RecordChange, Store } from '../store/types.js';
import { type FakeApi, startFakeApi } from '../test-support/fake-api.js';
import { fakeSource } from '../test-support/fake-source.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { readChanges } from './read-changes.js';
import { runSource } from './run-source.js';

const dir = tempDirPerTest('freshet-read-changes-');
let api: FakeApi;
let store: Store;

beforeEach(async () => {
  api = await startFakeApi({ sizes: { batch_0001: 25, batch_0002: 12 } });
  store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
});
afterEach(async () => {
  await store.close();
  await api.close();
});

const source = () => fakeSource({ baseUrl: api.baseUrl, batches: 2, pageSize: 10 });

async function collect(iterable: AsyncIterable<RecordChange>): Promise<RecordChange[]> {
  const out: RecordChange[] = [];
  for await (const change of iterable) out.push(change);
  return out;
}

describe('readChanges', () => {
  it('yields one run’s changes across pages, and every change since a run or a time', async () => {
    const first = await runSource(source(), { store });
    api.modify('batch_0001', 5); // items 0, 5, 10, 15, 20
    const second = await runSource(source(), { store, force: true });

    const created = await collect(readChanges(store, { runId: first.runId, pageSize: 7 }));
    expect(created).toHaveLength(37);
    expect(new Set(created.map((c) => c.kind))).toEqual(new Set(['created']));

    const changed = await collect(readChanges(store, { runId: second.runId, pageSize: 2 }));
    const expectedKeys = api
      .items('batch_0001')
      .filter((_, i) => i % 5 === 0)
      .map((item) => item.id);
    expect(changed.map((c) => c.key).sort()).toEqual(expectedKeys.sort());
    for (const change of changed) {
      expect(change).toMatchObject({ kind: 'changed', runId: second.runId, revision: 2, source: 'fake' });
      expect(change.changedFields).toEqual({ added: [], removed: [], modified: ['value'] });
    }

    expect(await collect(readChanges(store, { since: { runId: second.runId } }))).toEqual(changed);
    expect(await collect(readChanges(store, { since: new Date(0) }))).toHaveLength(37 + 5);
    expect(
      await collect(readChanges(store, { since: new Date(0), partition: 'fake:batch_0002' })),
    ).toHaveLength(12);
  });

  it('names the problem of a bad query', async () => {
    const problem = async (query: Parameters<typeof readChanges>[1]) => {
      const err = await collect(readChanges(store, query)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isFreshetError(err, ErrorCodes.CONFIG_INVALID)).toBe(true);
      return (err as Error).message;
    };
    expect(await problem({ runId: 'nope' })).toContain('names run "nope", which this store does not hold');
    expect(await problem({ since: new Date(Number.NaN) })).toContain('invalid Date');
    expect(await problem({} as never)).toContain('name either { runId }');
    expect(await problem({ since: new Date(0), pageSize: 0 })).toContain('pageSize must be');
  });
});
