import { randomBytes } from 'node:crypto';
import { emptyCounts } from '@freshet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from './open.js';
import { adminPool, TEST_DATABASE_URL } from './test-database.js';

// A database whose default collation is linguistic (ICU en-US puts 'a' before 'B'), as many
// servers have: the store must still order keys in binary order, as the contract says.
const database = `freshet_collation_${randomBytes(4).toString('hex')}`;
const url = (() => {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${database}`;
  return u.toString();
})();

beforeAll(async () => {
  await adminPool().query(
    `create database ${database} locale_provider icu icu_locale 'en-US' template template0`,
  );
});
afterAll(async () => {
  await adminPool().query(`drop database if exists ${database} with (force)`);
});

const checkpoint = (partitionKey: string) => ({
  partitionKey,
  source: 'nih',
  cohort: partitionKey.slice(4),
  status: 'running' as const,
  cursor: null,
  attempt: 1,
  counts: emptyCounts(),
  runId: null,
  startedAt: new Date(0),
  updatedAt: new Date(0),
  completedAt: null,
  lastCompleteAt: null,
  durationMs: 0,
  error: null,
});

describe('key order on a database with a linguistic collation', () => {
  it('lists checkpoints, leases and record keys in binary order', async () => {
    const store = await openPostgresStore({ url, schema: 'freshet' });
    try {
      for (const key of ['nih:a', 'nih:B', 'nih:_', 'nih:Z']) await store.saveCheckpoint(checkpoint(key));
      expect((await store.listCheckpoints()).map((c) => c.partitionKey)).toEqual([
        'nih:B',
        'nih:Z',
        'nih:_',
        'nih:a',
      ]);

      for (const key of ['nih:a', 'nih:B']) await store.acquireLease(key, 'w', 60_000, new Date(0));
      expect((await store.listLeases(new Date(0))).map((l) => l.partitionKey)).toEqual(['nih:B', 'nih:a']);

      await store.upsertRecords({
        source: 'nih',
        partitionKey: 'nih:a',
        records: ['b', 'A', 'a', 'B'].map((key) => ({ key, json: '{}', hash: key })),
        at: new Date(0),
      });
      const keys: string[] = [];
      for await (const key of store.recordKeys('nih')) keys.push(key);
      expect(keys).toEqual(['A', 'B', 'a', 'b']);
    } finally {
      await store.close();
    }
  });
});
