import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../sim/shape.js';
import { expectSeedDecides, fixtureJson } from '../test-support.js';
import { compareKeyword, PatentsViewDataset, padPatentId } from './dataset.js';
import { buildPatent } from './record.js';
import { project } from './search.js';
import { NULLABLE_PATHS } from './test-paths.js';
import type { PatentsViewPatent } from './types.js';

const SAMPLE = fixtureJson<{ patents: Array<Record<string, unknown>> }>(
  'patentsview',
  'mustberuss-vcr-after-paging-page1.response.json',
);

const all = (ds: PatentsViewDataset) => Array.from({ length: ds.size }, (_, i) => buildPatent(ds, i));

describe('PatentsViewDataset', () => {
  it('is the same for the same seed and different for another', () => {
    expectSeedDecides((seed) => new PatentsViewDataset({ seed, months: 2, patentsPerMonth: 60 }), all, 5);
  });

  it('lays out calendar months with per-month counts, every patent granted on a Tuesday of its month', () => {
    const ds = new PatentsViewDataset({
      startMonth: '2024-11',
      months: 3,
      patentsPerMonth: (m) => [2500, 40, 0][m]!,
    });
    expect(ds.months.map((m) => [m.month, m.first, m.last, m.tuesdays.length, m.patents])).toEqual([
      ['2024-11', '2024-11-01', '2024-11-30', 4, 2500],
      ['2024-12', '2024-12-01', '2024-12-31', 5, 40],
      ['2025-01', '2025-01-01', '2025-01-31', 4, 0],
    ]);
    expect(ds.months[0]!.tuesdays).toEqual(['2024-11-05', '2024-11-12', '2024-11-19', '2024-11-26']);
    expect(ds.size).toBe(2540);
    for (const p of all(ds)) {
      expect(new Date(`${p.patent_date}T00:00:00Z`).getUTCDay()).toBe(2);
      const month = ds.months.find((m) => p.patent_date >= m.first && p.patent_date <= m.last)!;
      expect(month.tuesdays).toContain(p.patent_date);
    }
  });

  it('numbers each type consecutively within an issue, rising over time, with real prefixes', () => {
    const ds = new PatentsViewDataset({ startMonth: '2000-01', months: 2, patentsPerMonth: 800 });
    const patents = all(ds);
    const byType = (type: string) => patents.filter((p) => p.patent_type === type).map((p) => p.patent_id);
    const utility = byType('utility').map(Number);
    for (let k = 1; k < utility.length; k++) expect(utility[k]).toBe(utility[k - 1]! + 1);
    // The recorded sample's first patent of 2000-01-04 is 6009555.
    expect(utility[0]).toBe(6_009_555);
    expect(byType('design').every((id) => /^D\d{6,7}$/.test(id))).toBe(true);
    expect(byType('plant').every((id) => /^PP\d{5}$/.test(id))).toBe(true);
    expect(byType('reissue').every((id) => /^RE\d{5}$/.test(id))).toBe(true);
    expect(byType('design').length).toBeGreaterThan(100);
    const kinds = new Set(patents.map((p) => `${p.patent_type}:${p.wipo_kind}`));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['design:S', 'utility:A']));
  });

  it('orders patent ids as Elasticsearch keywords, and pads them as pad_patent_id does', () => {
    expect(['9999999', '10000000', 'D999999', 'D1000000', 'PP35800', 'RE49900'].sort(compareKeyword)).toEqual(
      ['10000000', '9999999', 'D1000000', 'D999999', 'PP35800', 'RE49900'],
    );
    expect(['6009555', 'D1010000', 'PP35800', 'RE49900', 'D999999'].map(padPatentId)).toEqual([
      '06009555',
      'D1010000',
      'PP035800',
      'RE049900',
      'D0999999',
    ]);
    // June 2018 crosses utility 10,000,000: keyword order puts the 8-digit ids first.
    const ds = new PatentsViewDataset({ startMonth: '2018-06', months: 1, patentsPerMonth: 20_000 });
    const ids = Array.from(ds.byId, (i) => ds.ids[i]!).filter((id) => /^\d+$/.test(id));
    const firstShort = ids.findIndex((id) => id.length === 7);
    expect(firstShort).toBeGreaterThan(0);
    expect(ids.slice(0, firstShort).every((id) => id.length === 8 && id.startsWith('10'))).toBe(true);
    expect(ids.slice(firstShort).every((id) => id.length === 7)).toBe(true);
    expect(ids).toContain('9999999');
    expect(ids).toContain('10000000');
    const padded = Array.from(ds.byPaddedId, (i) => ds.paddedIds[i]!);
    expect(padded.indexOf('09999999')).toBeLessThan(padded.indexOf('10000000'));
  });

  it('builds records shaped like the recorded sample when asked for f=["patent_id"]', () => {
    const ds = new PatentsViewDataset({ startMonth: '2000-01', months: 1, patentsPerMonth: 300 });
    const withAssignees = SAMPLE.patents.find((p) => 'assignees' in p)!;
    const without = SAMPLE.patents.find((p) => !('assignees' in p))!;
    let assigned = 0;
    for (let i = 0; i < ds.size; i++) {
      if (ds.typeOf(i) !== 'utility') continue;
      const out = project(buildPatent(ds, i), ['patent_id'], false, ds.paddedIds[i]!);
      if ('assignees' in out) assigned++;
      const sample = 'assignees' in out ? withAssignees : without;
      expect(shapeDiff(sample, out, { strictExtra: true, nullable: NULLABLE_PATHS }), ds.ids[i]).toEqual([]);
    }
    expect(assigned).toBeGreaterThan(50);
  });

  it('leaves out USPC after mid-2015, and groups a patent has no data for', () => {
    const ds = new PatentsViewDataset({ startMonth: '2024-01', months: 1, patentsPerMonth: 200 });
    const patents = all(ds);
    expect(patents.every((p) => p.uspc_at_issue === undefined)).toBe(true);
    expect(patents.some((p) => p.assignees === undefined)).toBe(true);
    expect(patents.filter((p) => p.patent_type === 'design').every((p) => p.wipo === undefined)).toBe(true);
    expect(patents.filter((p) => p.patent_type === 'design').every((p) => p.patent_abstract === null)).toBe(
      true,
    );
  });

  it('carries attorneys, foreign priority, the pre-grant crosswalk and IPC, returned only when asked', () => {
    const ds = new PatentsViewDataset({ seed: 8, startMonth: '2024-03', months: 1, patentsPerMonth: 300 });
    const patents = all(ds);
    const share = (group: keyof PatentsViewPatent) => patents.filter((p) => p[group] !== undefined).length;
    for (const group of ['attorneys', 'foreign_priority', 'granted_pregrant_crosswalk', 'ipcr'] as const) {
      expect(share(group), group).toBeGreaterThan(30);
      expect(share(group), group).toBeLessThan(patents.length);
    }
    for (const p of patents) {
      for (const a of p.attorneys ?? []) {
        expect((a.attorney_organization === null) === (a.attorney_name_last !== null)).toBe(true);
      }
      for (const f of p.foreign_priority ?? [])
        expect(f.filing_date < p.application[0]!.filing_date).toBe(true);
      for (const x of p.granted_pregrant_crosswalk ?? []) {
        expect(x.application_number).toBe(p.application[0]!.application_id.replace('/', ''));
        expect(x.document_number).toMatch(/^\d{11}$/);
      }
      const cpcGroups = new Set(p.cpc_current.map((c) => c.cpc_group_id));
      for (const i of p.ipcr ?? []) {
        expect(
          cpcGroups.has(
            `${i.ipc_section}${i.ipc_class}${i.ipc_subclass}${i.ipc_main_group}/${i.ipc_subgroup}`,
          ),
        ).toBe(true);
      }
    }
    const withAll = patents.findIndex((p) => p.attorneys && p.ipcr && p.granted_pregrant_crosswalk);
    const plain = project(patents[withAll]!, ['patent_id'], false, ds.paddedIds[withAll]!);
    expect(plain).not.toHaveProperty('attorneys');
    expect(plain).not.toHaveProperty('ipcr');
    const asked = project(patents[withAll]!, ['patent_id', 'attorneys', 'ipcr.ipc_section'], false, '');
    expect(asked.attorneys).toEqual(patents[withAll]!.attorneys);
    expect(asked.ipcr).toEqual(patents[withAll]!.ipcr!.map((i) => ({ ipc_section: i.ipc_section })));
  });

  it('mutate adds citations to exactly round(fraction × size) patents and moves none', () => {
    const ds = new PatentsViewDataset({ months: 2, patentsPerMonth: 150 });
    const before = all(ds);
    const { changed } = ds.mutate({ fraction: 0.1, seed: 3 });
    expect(changed).toHaveLength(Math.round(0.1 * ds.size));
    expect([...changed].sort(compareKeyword)).toEqual(changed);
    const after = all(ds);
    const differ = after.filter((p, i) => JSON.stringify(p) !== JSON.stringify(before[i]));
    expect(differ.map((p) => p.patent_id).sort(compareKeyword)).toEqual(changed);
    for (const [i, p] of after.entries()) {
      expect(p.patent_date).toBe(before[i]!.patent_date);
      expect(p.patent_num_times_cited_by_us_patents).toBeGreaterThanOrEqual(
        before[i]!.patent_num_times_cited_by_us_patents,
      );
    }
  });
});
