import { describe, expect, it } from 'vitest';
import { isoWeekOfMonday, isoWeekOneMonday, isoWeeksInYear, mondayOf } from './iso-week.js';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('ISO week arithmetic', () => {
  it('finds the Monday of week 1, which may fall in the previous calendar year', () => {
    expect(iso(isoWeekOneMonday(2025))).toBe('2024-12-30');
    expect(iso(isoWeekOneMonday(2021))).toBe('2021-01-04');
    expect(iso(isoWeekOneMonday(2026))).toBe('2025-12-29');
    expect(iso(isoWeekOneMonday(1900))).toBe('1900-01-01');
  });

  it('counts 53 weeks only in long years', () => {
    const long = [2004, 2009, 2015, 2020, 2026, 2032, 2037];
    for (let year = 2000; year <= 2040; year++) {
      expect(isoWeeksInYear(year), String(year)).toBe(long.includes(year) ? 53 : 52);
    }
  });

  it('names the week of a Monday by the year of its Thursday', () => {
    expect(isoWeekOfMonday(Date.UTC(2024, 11, 30))).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOfMonday(Date.UTC(2020, 11, 28))).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOfMonday(Date.UTC(2021, 0, 4))).toEqual({ year: 2021, week: 1 });
  });

  it('finds the Monday of any instant, Sundays and pre-1970 dates included', () => {
    expect(iso(mondayOf(Date.parse('2021-01-03T23:59:59.999Z')))).toBe('2020-12-28');
    expect(iso(mondayOf(Date.parse('2025-03-17T00:00:00Z')))).toBe('2025-03-17');
    expect(iso(mondayOf(Date.parse('1969-12-31T12:00:00Z')))).toBe('1969-12-29');
  });
});
