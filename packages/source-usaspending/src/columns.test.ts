import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredRecord } from '@freshet/core';
import { exportRecords } from '@freshet/core/export';
import { expect, it } from 'vitest';
import { USASPENDING_COLUMNS } from './columns.js';
import type { UsaspendingAward } from './types.js';

const fixture = new URL(
  '../test/fixtures/awardfindr-vcr-spending_by_award-page1.response.json',
  import.meta.url,
);

it('reads every declared column of a real USAspending award without a type mismatch', async () => {
  const body = JSON.parse(await readFile(fixture, 'utf8'));
  const at = new Date('2025-03-01T00:00:00Z');
  const records: StoredRecord[] = (body.results as UsaspendingAward[]).map((record) => ({
    source: 'usaspending',
    key: record.generated_internal_id,
    partitionKey: 'usaspending:fixture',
    payload: record as StoredRecord['payload'],
    hash: 'h',
    revision: 1,
    firstSeenAt: at,
    updatedAt: at,
  }));
  const store = {
    listRecords: async ({ after }: { after?: unknown }) => (after ? [] : records),
    getRun: async () => null,
  };
  const dir = await mkdtemp(join(tmpdir(), 'freshet-usaspending-columns-'));
  try {
    const out = join(dir, 'records.csv');
    const result = await exportRecords(store, {
      source: 'usaspending',
      columns: USASPENDING_COLUMNS,
      format: 'csv',
      out,
    });
    expect(result).toMatchObject({ records: records.length, mismatches: {} });
    const [header, first] = (await readFile(out, 'utf8')).split('\r\n');
    const cells = (first ?? '').split(',');
    expect(header?.split(',')).toContain('payload.Award Amount');
    expect(cells).toContain(String(4226132));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
