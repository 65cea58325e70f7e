import { readFile } from 'node:fs/promises';
import type { Json } from '@freshet/core';
import { readDeclaredColumns } from '@freshet/core/export';
import { expect, it } from 'vitest';
import { PATENTSVIEW_COLUMNS } from './columns.js';
import type { PatentsViewPatent } from './types.js';

const fixture = new URL('../test/fixtures/mustberuss-vcr-after-paging-page1.response.json', import.meta.url);

it('reads every declared column of real PatentsView patents without a type mismatch', async () => {
  const body = JSON.parse(await readFile(fixture, 'utf8'));
  const payloads = body.patents as PatentsViewPatent[] as unknown as Json[];
  expect(payloads.length).toBeGreaterThan(0);
  const read = payloads.map((payload) => readDeclaredColumns('patentsview', PATENTSVIEW_COLUMNS, payload));
  expect(read.map((r) => r.mismatches)).toEqual(payloads.map(() => []));
  expect(read[0]?.cells['payload.patent_id']).toBe('6009555');
});
