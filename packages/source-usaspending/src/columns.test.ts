import { readFile } from 'node:fs/promises';
import type { Json } from '@freshet/core';
import { readDeclaredColumns } from '@freshet/core/export';
import { expect, it } from 'vitest';
import { USASPENDING_COLUMNS } from './columns.js';
import type { UsaspendingAward } from './types.js';

const fixture = new URL(
  '../test/fixtures/awardfindr-vcr-spending_by_award-page1.response.json',
  import.meta.url,
);

it('reads every declared column of real USAspending awards without a type mismatch', async () => {
  const body = JSON.parse(await readFile(fixture, 'utf8'));
  const payloads = body.results as UsaspendingAward[] as unknown as Json[];
  expect(payloads.length).toBeGreaterThan(0);
  const read = payloads.map((payload) => readDeclaredColumns('usaspending', USASPENDING_COLUMNS, payload));
  expect(read.map((r) => r.mismatches)).toEqual(payloads.map(() => []));
  expect(read[0]?.cells['payload.Award Amount']).toBe(4226132);
});
