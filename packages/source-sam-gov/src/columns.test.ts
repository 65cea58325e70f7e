import { readFile } from 'node:fs/promises';
import type { Json } from '@freshet/core';
import { readDeclaredColumns } from '@freshet/core/export';
import { expect, it } from 'vitest';
import { SAM_GOV_COLUMNS } from './columns.js';
import type { SamGovEntity } from './types.js';

const fixture = new URL(
  '../test/fixtures/fac-uei-lookup-v3-ibm-entityRegistration-coreData.json',
  import.meta.url,
);

it('reads every declared column of real SAM.gov entities without a type mismatch', async () => {
  const body = JSON.parse(await readFile(fixture, 'utf8'));
  const payloads = body.entityData as SamGovEntity[] as unknown as Json[];
  expect(payloads.length).toBeGreaterThan(0);
  const read = payloads.map((payload) => readDeclaredColumns('sam_gov', SAM_GOV_COLUMNS, payload));
  expect(read.map((r) => r.mismatches)).toEqual(payloads.map(() => []));
  expect(read[0]?.cells['payload.entityRegistration.ueiSAM']).toBe('ZQGGHJH74DW7');
});
