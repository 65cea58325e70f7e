import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredRecord } from '@freshet/core';
import { exportRecords } from '@freshet/core/export';
import { expect, it } from 'vitest';
import { NIH_COLUMNS } from './columns.js';
import type { NihProject } from './types.js';

const fixture = new URL(
  '../test/fixtures/radx-metadata-compiler-v2-project-record-4U01AA029316-02.json',
  import.meta.url,
);

it('reads every declared column of a real RePORTER project without a type mismatch', async () => {
  const body = JSON.parse(await readFile(fixture, 'utf8'));
  const at = new Date('2025-03-01T00:00:00Z');
  const records: StoredRecord[] = [body as NihProject].map((record) => ({
    source: 'nih',
    key: String(record.appl_id),
    partitionKey: 'nih:fixture',
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
  const dir = await mkdtemp(join(tmpdir(), 'freshet-nih-columns-'));
  try {
    const out = join(dir, 'records.csv');
    const result = await exportRecords(store, { source: 'nih', columns: NIH_COLUMNS, format: 'csv', out });
    expect(result).toMatchObject({ records: records.length, mismatches: {} });
    const [header, first] = (await readFile(out, 'utf8')).split('\r\n');
    const cells = (first ?? '').split(',');
    expect(header?.split(',')).toContain('payload.appl_id');
    expect(cells).toContain(String(10320986));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
