import { readFile } from 'node:fs/promises';
import type { Json } from '@freshet/core';
import { readDeclaredColumns } from '@freshet/core/export';
import { expect, it } from 'vitest';
import { NIH_COLUMNS } from './columns.js';
import type { NihProject } from './types.js';

const fixture = new URL(
  '../test/fixtures/radx-metadata-compiler-v2-project-record-4U01AA029316-02.json',
  import.meta.url,
);

it('reads every declared column of a real RePORTER project without a type mismatch', async () => {
  const body = JSON.parse(await readFile(fixture, 'utf8'));
  const payloads = [body as NihProject] as unknown as Json[];
  expect(payloads.length).toBeGreaterThan(0);
  const read = payloads.map((payload) => readDeclaredColumns('nih', NIH_COLUMNS, payload));
  expect(read.map((r) => r.mismatches)).toEqual(payloads.map(() => []));
  expect(read[0]?.cells['payload.appl_id']).toBe(10320986);
});
