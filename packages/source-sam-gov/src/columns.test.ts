import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredRecord } from '@freshet/core';
import { exportRecords } from '@freshet/core/export';
import { expect, it } from 'vitest';
import { SAM_GOV_COLUMNS } from './columns.js';
import type { SamGovEntity } from './types.js';

const fixture = new URL(
  '../test/fixtures/fac-uei-lookup-v3-ibm-entityRegistration-coreData.json',
  import.meta.url,
);

it('reads every declared column of a real SAM.gov entity without a type mismatch', async () => {
  const body = JSON.parse(await readFile(fixture, 'utf8'));
  const at = new Date('2025-03-01T00:00:00Z');
  const records: StoredRecord[] = (body.entityData as SamGovEntity[]).map((record) => ({
    source: 'sam_gov',
    key: record.entityRegistration.ueiSAM,
    partitionKey: 'sam_gov:fixture',
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
  const dir = await mkdtemp(join(tmpdir(), 'freshet-sam_gov-columns-'));
  try {
    const out = join(dir, 'records.csv');
    const result = await exportRecords(store, {
      source: 'sam_gov',
      columns: SAM_GOV_COLUMNS,
      format: 'csv',
      out,
    });
    expect(result).toMatchObject({ records: records.length, mismatches: {} });
    const [header, first] = (await readFile(out, 'utf8')).split('\r\n');
    const cells = (first ?? '').split(',');
    expect(header?.split(',')).toContain('payload.entityRegistration.ueiSAM');
    expect(cells).toContain(String('ZQGGHJH74DW7'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
