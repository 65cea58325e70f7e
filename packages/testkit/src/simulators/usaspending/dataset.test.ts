import { describe, expect, it } from 'vitest';
import { formatYmd } from '../../sim/dates.js';
import { shapeDiff } from '../../sim/shape.js';
import { expectSeedDecides, fixtureJson } from '../test-support.js';
import { UsaspendingDataset } from './dataset.js';
import { buildRow, FIELD_MAPPINGS } from './record.js';
import { RECORDED_FIELDS } from './test-fields.js';
import { AWARD_TYPE_GROUPS } from './vocab.js';

const PAGE1 = fixtureJson<{ results: Array<Record<string, unknown>> }>(
  'usaspending',
  'awardfindr-vcr-spending_by_award-page1.response.json',
);

const rows = (ds: UsaspendingDataset) =>
  Array.from({ length: ds.size }, (_, i) => buildRow(ds, i, Object.keys(FIELD_MAPPINGS[ds.groupOf(i)])));

describe('UsaspendingDataset', () => {
  it('is the same for the same seed and different for another', () => {
    expectSeedDecides((seed) => new UsaspendingDataset({ seed, fiscalYears: 2, awardsPerYear: 30 }), rows, 4);
  });

  it('lays out fiscal years (October to September) with per-group sizes', () => {
    const ds = new UsaspendingDataset({
      firstFiscalYear: 2019,
      fiscalYears: 2,
      awardsPerYear: (fy, group) => (group === 'grants' ? fy - 2000 : 3),
    });
    expect(
      ds.years.map((y) => [y.fiscalYear, y.start, y.end, y.counts.grants, y.counts.loans, y.total]),
    ).toEqual([
      [2019, '2018-10-01', '2019-09-30', 19, 3, 34],
      [2020, '2019-10-01', '2020-09-30', 20, 3, 35],
    ]);
    expect(ds.size).toBe(69);
    for (let i = 0; i < ds.size; i++) {
      const action = formatYmd(ds.actionDay[i] as number);
      expect(action >= '2018-10-01' && action <= '2020-09-30').toBe(true);
      expect(ds.signedDay[i] as number).toBeLessThanOrEqual(ds.actionDay[i] as number);
    }
  });

  it('refuses fiscal years the search API does not cover', () => {
    expect(() => new UsaspendingDataset({ firstFiscalYear: 2007 })).toThrow(/2008 or later/);
  });

  it('gives unique generated ids in the API styles, with some Award IDs repeated', () => {
    const ds = new UsaspendingDataset({ seed: 3, awardsPerYear: 400, duplicateAwardIdShare: 0.05 });
    expect(new Set(ds.generatedId).size).toBe(ds.size);
    const prefixes = new Set(ds.generatedId.map((id) => id.split('_').slice(0, 2).join('_')));
    expect([...prefixes].sort()).toEqual(['ASST_AGG', 'ASST_NON', 'CONT_AWD', 'CONT_IDV']);
    for (let i = 0; i < ds.size; i++) {
      const group = ds.groupOf(i);
      const id = ds.generatedId[i] as string;
      if (group === 'contracts')
        expect(id).toMatch(/^CONT_AWD_.+_[0-9A-Z]{4}_(-NONE-_-NONE-|.+_[0-9A-Z]{4})$/);
      else if (group === 'idvs') expect(id).toMatch(/^CONT_IDV_.+_[0-9A-Z]{4}$/);
      else expect(id).toMatch(/^ASST_(NON|AGG)_.+_[0-9A-Z]{4}$/);
      expect(id).toContain(ds.awardId[i] as string);
    }
    expect(new Set(ds.awardId).size).toBeLessThan(ds.size);
  });

  it('builds rows shaped like the recorded ones', () => {
    const ds = new UsaspendingDataset({ seed: 2 });
    const sample = PAGE1.results[0] as Record<string, unknown>;
    for (let i = 0; i < ds.size; i++) {
      if (ds.groupOf(i) !== 'grants') continue;
      const row = buildRow(ds, i, RECORDED_FIELDS);
      expect(Object.keys(row)).toEqual(Object.keys(sample));
      expect(shapeDiff(sample, row, { strictExtra: true })).toEqual([]);
    }
  });

  it('answers null for fields the award group does not have', () => {
    const ds = new UsaspendingDataset({ seed: 2 });
    const contract = Array.from({ length: ds.size }, (_, i) => i).find(
      (i) => ds.groupOf(i) === 'contracts',
    ) as number;
    const row = buildRow(ds, contract, ['Award ID', 'Loan Value', 'CFDA Number', 'NAICS']);
    expect(row['Loan Value']).toBeNull();
    expect(row['CFDA Number']).toBeNull();
    expect(row.NAICS).toEqual({ code: expect.any(String), description: expect.any(String) });
    expect(Object.keys(row)).toEqual([
      'internal_id',
      'Award ID',
      'Loan Value',
      'CFDA Number',
      'NAICS',
      'generated_internal_id',
    ]);
  });

  it('mutates exactly round(fraction × size) awards and never moves one to another fiscal year', () => {
    const ds = new UsaspendingDataset({ seed: 8, awardsPerYear: 50 });
    const before = rows(ds);
    const actions = Array.from(ds.actionDay);
    const { changed } = ds.mutate({ fraction: 0.1, seed: 1 });
    expect(changed).toHaveLength(Math.round(0.1 * ds.size));
    expect(changed).toEqual([...changed].sort());
    expect(Array.from(ds.actionDay)).toEqual(actions);
    const after = rows(ds);
    const differing = after.filter((r, k) => JSON.stringify(r) !== JSON.stringify(before[k]));
    expect(differing.map((r) => r.generated_internal_id).sort()).toEqual(changed);
    expect(AWARD_TYPE_GROUPS.length).toBe(6);
  });
});
