import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../sim/shape.js';
import { expectSeedDecides, fixtureJson } from '../test-support.js';
import { NihDataset } from './dataset.js';
import { parseCriteria, search } from './query.js';
import { buildRecord } from './record.js';
import { SBIR_STTR_ACTIVITY_CODES } from './vocab.js';

const SAMPLE = fixtureJson('nih', 'radx-metadata-compiler-v2-project-record-4U01AA029316-02.json');

const all = (ds: NihDataset) => Array.from(ds.byApplId, (i) => buildRecord(ds, i));

describe('NihDataset', () => {
  it('is the same for the same seed and different for another', () => {
    expectSeedDecides((seed) => new NihDataset({ seed, weeks: 3, projectsPerWeek: 40 }), all, 5);
  });

  it('lays out ISO weeks from the start date, with per-week sizes and huge weeks', () => {
    const ds = new NihDataset({
      startDate: '2025-03-19',
      weeks: 4,
      projectsPerWeek: (w) => 10 * (w + 1),
      hugeWeeks: [2],
      hugeWeekProjects: 1000,
    });
    expect(ds.weeks.map((w) => [w.isoWeek, w.from, w.to, w.projects, w.huge])).toEqual([
      ['2025-W12', '2025-03-17', '2025-03-23', 10, false],
      ['2025-W13', '2025-03-24', '2025-03-30', 20, false],
      ['2025-W14', '2025-03-31', '2025-04-06', 1000, true],
      ['2025-W15', '2025-04-07', '2025-04-13', 40, false],
    ]);
    expect(ds.size).toBe(1070);
    for (const w of ds.weeks) {
      const { criteria } = parseCriteria(ds, { award_notice_date: { from_date: w.from, to_date: w.to } });
      expect(search(ds, criteria, null, false)).toHaveLength(w.projects);
    }
  });

  it('makes a huge week hold more than 15,500 SBIR/STTR projects by default', () => {
    const ds = new NihDataset({ weeks: 2, projectsPerWeek: 10, hugeWeeks: [1] });
    const week = ds.weeks[1]!;
    const { criteria } = parseCriteria(ds, {
      activity_codes: [...SBIR_STTR_ACTIVITY_CODES],
      award_notice_date: { from_date: week.from, to_date: week.to },
    });
    expect(search(ds, criteria, null, false).length).toBeGreaterThan(15_500);
  });

  it('generates 100,000 projects quickly and compactly', () => {
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const ds = new NihDataset({ seed: 3, weeks: 50, projectsPerWeek: 2000 });
    const ms = performance.now() - t0;
    expect(ds.size).toBe(100_000);
    expect(ms).toBeLessThan(2500);
    // Columns, not records: well under 1 KB a project (a built record is about 2.8 KB of JSON).
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100_000 * 1024);
    expect(new Set(ds.applId).size).toBe(100_000);
  });

  it('builds records with the real sample’s field names, types and nesting', () => {
    const ds = new NihDataset({ seed: 9, weeks: 4, projectsPerWeek: 150 });
    const records = all(ds);
    const problems = new Set(records.flatMap((r) => shapeDiff(SAMPLE, r)));
    expect([...problems]).toEqual([]);
    for (const field of ['date_added', 'project_detail_url']) expect(records[0]).toHaveProperty(field);
  });

  it('carries terms, geo_lat_lon, spending categories and per-IC direct and indirect costs', () => {
    const ds = new NihDataset({ seed: 6, weeks: 2, projectsPerWeek: 200 });
    const records = all(ds);
    const categorised = records.filter((r) => r.spending_categories !== null);
    expect(categorised.length).toBeGreaterThan(records.length * 0.8);
    expect(categorised.length).toBeLessThan(records.length);
    const geoByOrg = new Map<string, string>();
    for (const r of records) {
      expect(r.terms).toBe(
        r.pref_terms
          .split(';')
          .map((t) => `<${t}>`)
          .join(''),
      );
      const [funding] = r.agency_ic_fundings;
      expect(funding!.direct_cost_ic + funding!.indirect_cost_ic).toBe(funding!.total_cost);
      expect(funding!.direct_cost_ic).toBe(r.direct_cost_amt);
      if (r.spending_categories === null) expect(r.spending_categories_desc).toBeNull();
      else {
        expect(r.spending_categories.length).toBe(r.spending_categories_desc!.split('; ').length);
        expect(r.spending_categories).toEqual([...r.spending_categories].sort((a, b) => a - b));
      }
      expect(Object.keys(r.geo_lat_lon)).toEqual(['lon', 'lat']);
      expect(Math.abs(r.geo_lat_lon.lat)).toBeLessThanOrEqual(90);
      // One organization, one place.
      const geo = JSON.stringify(r.geo_lat_lon);
      const seen = geoByOrg.get(r.organization.org_name);
      if (seen !== undefined) expect(geo).toBe(seen);
      geoByOrg.set(r.organization.org_name, geo);
    }
  });

  it('writes timestamps with and without a zone, as the real API does', () => {
    const records = all(new NihDataset({ seed: 2, weeks: 2, projectsPerWeek: 100 }));
    const zoned = records.filter((r) => r.award_notice_date.endsWith('Z'));
    expect(zoned.length).toBeGreaterThan(10);
    expect(records.length - zoned.length).toBeGreaterThan(10);
    for (const r of records) {
      expect(r.award_notice_date).toMatch(/^\d{4}-\d{2}-\d{2}T(00:00:00|12:12:00Z)$/);
      expect(r.project_end_date).toMatch(/^\d{4}-\d{2}-\d{2}T(00:00:00|12:11:00Z)$/);
      expect(r.project_start_date <= r.project_end_date).toBe(true);
      expect(r.budget_start <= r.budget_end).toBe(true);
    }
  });

  it('keeps ids, numbers and mechanisms consistent inside each record', () => {
    const records = all(new NihDataset({ seed: 4, weeks: 2, projectsPerWeek: 200 }));
    const codes = new Set(records.map((r) => r.activity_code));
    expect(codes.has('R01') || codes.has('U01')).toBe(true);
    expect([...codes].some((c) => (SBIR_STTR_ACTIVITY_CODES as readonly string[]).includes(c))).toBe(true);
    for (const r of records) {
      const s = r.project_num_split;
      expect(r.project_num).toBe(
        `${s.appl_type_code}${s.activity_code}${s.ic_code}${s.serial_num}-${s.support_year}${s.suffix_code}`,
      );
      expect(r.core_project_num).toBe(`${s.activity_code}${s.ic_code}${s.serial_num}`);
      expect(r.funding_mechanism).toBe(
        (SBIR_STTR_ACTIVITY_CODES as readonly string[]).includes(r.activity_code)
          ? 'SBIR/STTR'
          : 'Non-SBIR/STTR',
      );
      expect(r.organization.primary_uei).toMatch(/^[1-9A-HJ-NP-Z][0-9A-HJ-NP-Z]{11}$/);
      expect(r.direct_cost_amt + r.indirect_cost_amt).toBe(r.award_amount);
      expect(r.project_detail_url).toBe(`https://reporter.nih.gov/project-details/${r.appl_id}`);
      expect(r.principal_investigators.filter((p) => p.is_contact_pi)).toHaveLength(1);
    }
  });

  it('mutate changes exactly the asked share, deterministically, and nothing else', () => {
    const make = () => new NihDataset({ seed: 12, weeks: 5, projectsPerWeek: 200 });
    const ds = make();
    const before = all(ds);
    const report = ds.mutate({ fraction: 0.1, seed: 77 });
    expect(report.changed).toHaveLength(100);
    expect(report).toEqual(make().mutate({ fraction: 0.1, seed: 77 }));
    expect(report).not.toEqual(make().mutate({ fraction: 0.1, seed: 78 }));

    const after = all(ds);
    const changed = new Set(report.changed);
    let differing = 0;
    after.forEach((rec, k) => {
      const old = before[k]!;
      expect(rec.appl_id).toBe(old.appl_id);
      if (changed.has(rec.appl_id)) {
        differing++;
        expect(rec.award_amount).not.toBe(old.award_amount);
        expect(rec.project_end_date > old.project_end_date).toBe(true);
        // The cohort key stays put: the record is changed, not moved to another week.
        expect(rec.award_notice_date).toBe(old.award_notice_date);
      } else {
        expect(rec).toEqual(old);
      }
    });
    expect(differing).toBe(100);
    expect(ds.mutate({ fraction: 0, seed: 1 }).changed).toEqual([]);
    expect(ds.mutate({ fraction: 1, seed: 1 }).changed).toHaveLength(1000);
  });
});
