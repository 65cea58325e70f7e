import { describe, expect, it } from 'vitest';
import { expectRefusal } from './expect-refusal.js';
import { isoWeekCohorts } from './iso-week-cohorts.js';
import { DAY_MS } from './utc.js';

const weeks = isoWeekCohorts({ prefix: 'project_week' });
const containing = (instant: string) => weeks.containing!(new Date(instant));

describe('isoWeekCohorts', () => {
  it('parses a week key with a Monday-to-Monday UTC window', () => {
    const cohort = weeks.parse('project_week_2025-W12');
    expect(cohort.key).toBe('project_week_2025-W12');
    expect(cohort.value).toBe('2025-W12');
    expect(cohort.window).toEqual({
      start: new Date('2025-03-17T00:00:00Z'),
      end: new Date('2025-03-24T00:00:00Z'),
    });
    expect(weeks.kind).toBe('iso_week');
    expect(weeks.example).toBe('project_week_2025-W12');
    expect(weeks.exampleValue).toBe('2025-W12');
  });

  it('knows which years have a week 53', () => {
    expect(weeks.parseValue('2020-W53').window?.start).toEqual(new Date('2020-12-28T00:00:00Z'));
    expect(weeks.parseValue('2026-W53').window?.end).toEqual(new Date('2027-01-04T00:00:00Z'));
    expectRefusal(
      () => weeks.parseValue('2021-W53'),
      ['"2021-W53"', '2021 has 52 weeks', 'project_week_2025-W12'],
    );
    expectRefusal(
      () => weeks.parseValue('2025-W53'),
      ['"2025-W53"', '2025 has 52 weeks', 'project_week_2025-W12'],
    );
    expectRefusal(() => weeks.parseValue('2025-W54'), ['"2025-W54"', '2025 has 52 weeks']);
  });

  it('puts days near New Year in the ISO year of their Thursday', () => {
    expect(containing('2024-12-30T00:00:00Z').value).toBe('2025-W01');
    expect(containing('2021-01-03T23:59:59.999Z').value).toBe('2020-W53');
    expect(containing('2021-01-04T00:00:00Z').value).toBe('2021-W01');
    expect(containing('2027-01-03T12:00:00Z').value).toBe('2026-W53');
    expect(containing('2025-01-01T00:00:00Z').value).toBe('2025-W01');
  });

  it('steps the ordinal by one across year boundaries', () => {
    expect(weeks.parseValue('2021-W01').ordinal - weeks.parseValue('2020-W53').ordinal).toBe(1);
    expect(weeks.parseValue('2025-W01').ordinal - weeks.parseValue('2024-W52').ordinal).toBe(1);
    expect(weeks.fromOrdinal(weeks.parseValue('2020-W53').ordinal + 1).value).toBe('2021-W01');
  });

  it('agrees with itself on every day of half a century', () => {
    const problems: string[] = [];
    let previous = containing('1990-01-01T12:00:00Z');
    for (let ms = Date.UTC(1990, 0, 2); ms < Date.UTC(2040, 0, 1); ms += DAY_MS) {
      const cohort = weeks.containing!(new Date(ms + DAY_MS / 2));
      const start = cohort.window?.start.getTime() ?? Number.NaN;
      const end = cohort.window?.end.getTime() ?? Number.NaN;
      const day = new Date(ms).toISOString().slice(0, 10);
      if (!(start <= ms && ms < end) || new Date(start).getUTCDay() !== 1) problems.push(`${day}: window`);
      if (weeks.parseValue(cohort.value).ordinal !== cohort.ordinal) problems.push(`${day}: round trip`);
      if (cohort.ordinal - previous.ordinal !== (start === ms ? 1 : 0)) problems.push(`${day}: ordinal step`);
      previous = cohort;
    }
    expect(problems).toEqual([]);
  });

  it('refuses week 0, lower-case w and missing zero padding, showing a valid key', () => {
    expectRefusal(
      () => weeks.parseValue('2025-W00'),
      ['"2025-W00"', 'weeks start at W01', 'project_week_2025-W12'],
    );
    expectRefusal(() => weeks.parseValue('2025-w12'), ['"2025-w12"', 'capital W', 'project_week_2025-W12']);
    expectRefusal(() => weeks.parseValue('2025-W1'), ['"2025-W1"', 'two-digit week']);
    expectRefusal(() => weeks.parseValue('2025W12'), ['"2025W12"', 'project_week_2025-W12']);
    expectRefusal(() => weeks.parseValue('1899-W52'), ['"1899-W52"', '1900..2199']);
    expectRefusal(() => weeks.parse('nih_week_2025-W12'), ['"nih_week_2025-W12"', '"project_week_"']);
  });

  it('expands ranges across year boundaries, inclusive', () => {
    expect(weeks.parseRange('2024-W51..2025-W02').map((c) => c.value)).toEqual([
      '2024-W51',
      '2024-W52',
      '2025-W01',
      '2025-W02',
    ]);
    expect(weeks.parseRange('2020-W52..2021-W01').map((c) => c.value)).toEqual([
      '2020-W52',
      '2020-W53',
      '2021-W01',
    ]);
    expect(weeks.parseRange('2025-W10..2025-W14')).toHaveLength(5);
  });

  it('refuses instants outside the supported years', () => {
    expectRefusal(
      () => containing('2200-06-01T00:00:00Z'),
      ['2200-06-01T00:00:00.000Z', 'project_week_2199-W'],
    );
    expectRefusal(() => weeks.containing!(new Date(Number.NaN)), ['not a valid instant']);
  });
});
