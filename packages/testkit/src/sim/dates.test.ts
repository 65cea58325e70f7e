import { describe, expect, it } from 'vitest';
import {
  addMonths,
  federalFiscalYear,
  formatYmd,
  isoWeekLabel,
  isoWeekMonday,
  parseYmd,
  toEpochDay,
} from './dates.js';

describe('dates', () => {
  it('parses only real calendar dates', () => {
    expect(parseYmd('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(parseYmd('2023-02-29')).toBeUndefined();
    expect(parseYmd('2024-2-1')).toBeUndefined();
    expect(parseYmd('01/02/2024')).toBeUndefined();
    expect(formatYmd(toEpochDay('2025-03-17'))).toBe('2025-03-17');
  });

  it('labels ISO weeks, year edges included', () => {
    expect(isoWeekLabel(toEpochDay('2024-01-01'))).toBe('2024-W01');
    expect(isoWeekLabel(toEpochDay('2021-01-03'))).toBe('2020-W53');
    expect(isoWeekLabel(toEpochDay('2026-12-31'))).toBe('2026-W53');
    expect(isoWeekLabel(toEpochDay('2025-03-17'))).toBe('2025-W12');
    expect(formatYmd(isoWeekMonday(toEpochDay('2025-03-23')))).toBe('2025-03-17');
    expect(formatYmd(isoWeekMonday(toEpochDay('2025-03-17')))).toBe('2025-03-17');
  });

  it('gives the federal fiscal year and clamps month arithmetic', () => {
    expect(federalFiscalYear(toEpochDay('2023-09-30'))).toBe(2023);
    expect(federalFiscalYear(toEpochDay('2023-10-01'))).toBe(2024);
    expect(formatYmd(addMonths(toEpochDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatYmd(addMonths(toEpochDay('2024-03-15'), -12))).toBe('2023-03-15');
  });
});
