import { ErrorCodes, isFreshetError, type Store } from '@freshet/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from './open.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './test-database.js';

// Two stores on one schema stand for two worker processes sharing the store.
const opened: Store[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

async function open(schema: string, lockTimeoutMs?: number): Promise<Store> {
  const store = await openPostgresStore({
    url: TEST_DATABASE_URL,
    schema,
    ...(lockTimeoutMs ? { lockTimeoutMs } : {}),
  });
  opened.push(store);
  return store;
}

function freshSchema(): string {
  const schema = uniqueSchema('freshet_lock');
  schemas.push(schema);
  return schema;
}

/** Holds the store's write lock for `ms`, inside a transaction that wrote `k = held`. */
function holdWriteLock(store: Store, ms: number): { started: Promise<void>; done: Promise<void> } {
  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => {
    started = resolve;
  });
  const done = store.transaction(async (tx) => {
    await tx.setMeta('k', 'held');
    started();
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
  return { started: startedPromise, done };
}

describe('the store write lock', () => {
  it('makes a writer of another process wait for the transaction in progress; readers do not wait', async () => {
    const schema = freshSchema();
    const a = await open(schema);
    const b = await open(schema);
    await a.setMeta('k', 'before');
    const hold = holdWriteLock(a, 800);
    let committed = false;
    const done = hold.done.then(() => {
      committed = true;
    });
    await hold.started;

    // The read answers from the last commit while the transaction is still open.
    expect(await b.getMeta('k')).toBe('before');
    expect(committed).toBe(false);

    await b.transaction(async (tx) => {
      // It could only start once the other transaction committed: it reads what that one wrote.
      expect(await tx.getMeta('k')).toBe('held');
      await tx.setMeta('k', 'after');
    });
    await done;
    expect(await a.getMeta('k')).toBe('after');
  });

  it('fails a write that waited past lockTimeoutMs as retryable, and leaves its connection usable', async () => {
    const schema = freshSchema();
    const a = await open(schema);
    const b = await open(schema, 100);
    const hold = holdWriteLock(a, 600);
    await hold.started;

    const err = await b.setMeta('k', 'too early').catch((e: unknown) => e);
    expect(isFreshetError(err, ErrorCodes.STORE_ERROR)).toBe(true);
    expect(err).toMatchObject({ retryable: true, details: { dbCode: '55P03' } });
    await hold.done;
    await b.setMeta('k', 'later');
    expect(await a.getMeta('k')).toBe('later');
  });

  it('is one per schema: stores in other schemas write meanwhile', async () => {
    const a = await open(freshSchema());
    const other = await open(freshSchema(), 100);
    const hold = holdWriteLock(a, 400);
    await hold.started;
    await other.setMeta('k', 'free');
    expect(await other.getMeta('k')).toBe('free');
    await hold.done;
  });
});
