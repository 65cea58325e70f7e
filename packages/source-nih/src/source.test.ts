import { describe, expect, it } from 'vitest';
import { NIH_DEFAULT_QUOTA } from './defaults.js';
import factory, { nih as named } from './index.js';
import { nih } from './source.js';

describe('nih()', () => {
  const source = nih();

  it('is the `nih` source: ISO-week cohorts, one request a second, SLA 7 days', () => {
    expect(source.id).toBe('nih');
    expect(source.cohort.kind).toBe('iso_week');
    expect(source.cohort.example).toBe('project_week_2025-W12');
    expect(source.quota).toEqual({
      maxConcurrent: 1,
      requestsPerInterval: 1,
      intervalMs: 1100,
      dailyBudget: null,
      timeoutMs: 60_000,
      retry: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000 },
    });
    expect(source.quota).not.toBe(NIH_DEFAULT_QUOTA);
    expect(source.sla).toBe('7d');
    expect(source.secrets ?? []).toEqual([]);
    expect(source.estimateCalls).toBeUndefined();
  });

  it('is the package’s default export, as `{ use: "@freshet/source-nih" }` configs need', () => {
    expect(factory).toBe(nih);
    expect(named).toBe(nih);
  });

  it('keys projects by appl_id as text', () => {
    expect(source.recordKey({ appl_id: 10320986 })).toBe('10320986');
  });

  it('lists the weeks of the configured range', async () => {
    const weeks = await source.listPartitions({
      options: source.options,
      range: '2024-W52..2025-W02',
      now: new Date('2025-06-01T00:00:00Z'),
    });
    expect(weeks.map((w) => w.key)).toEqual([
      'project_week_2024-W52',
      'project_week_2025-W01',
      'project_week_2025-W02',
    ]);
  });

  it('lists the 12 complete ISO weeks before now without a range, oldest first', async () => {
    // Wednesday of 2025-W12: W12 is still in progress.
    const weeks = await source.listPartitions({
      options: source.options,
      now: new Date('2025-03-19T15:00:00Z'),
    });
    expect(weeks.map((w) => w.value)).toEqual([
      '2024-W52',
      '2025-W01',
      '2025-W02',
      '2025-W03',
      '2025-W04',
      '2025-W05',
      '2025-W06',
      '2025-W07',
      '2025-W08',
      '2025-W09',
      '2025-W10',
      '2025-W11',
    ]);
    const four = nih({ recentWeeks: 4 });
    const monday = await four.listPartitions({
      options: four.options,
      now: new Date('2025-03-17T00:00:00Z'),
    });
    expect(monday.map((w) => w.value)).toEqual(['2025-W08', '2025-W09', '2025-W10', '2025-W11']);
  });
});
