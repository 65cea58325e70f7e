import { describe, expect, it } from 'vitest';
import { expectRefusal } from './expect-refusal.js';
import { monthCohorts } from './month-cohorts.js';

const months = monthCohorts({ prefix: 'grant_month' });

describe('monthCohorts', () => {
  it('parses a month with a first-to-first UTC window and ordinal year * 12 + month - 1', () => {
    expect(months.parse('grant_month_2025-01')).toEqual({
      key: 'grant_month_2025-01',
      value: '2025-01',
      ordinal: 2025 * 12,
      window: { start: new Date('2025-01-01T00:00:00Z'), end: new Date('2025-02-01T00:00:00Z') },
    });
    expect(months.parseValue('2024-12').window?.end).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(months.parseValue('2024-02').window?.end).toEqual(new Date('2024-03-01T00:00:00Z'));
  });

  it('finds the month of an instant and steps across New Year', () => {
    expect(months.containing!(new Date('2024-12-31T23:59:59.999Z')).value).toBe('2024-12');
    expect(months.containing!(new Date('2025-01-01T00:00:00Z')).value).toBe('2025-01');
    expect(months.parseRange('2024-11..2025-02').map((c) => c.value)).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
  });

  it('refuses months that do not exist or are not zero-padded', () => {
    expectRefusal(() => months.parseValue('2025-13'), ['"2025-13"', '01..12', 'grant_month_2025-01']);
    expectRefusal(() => months.parseValue('2025-00'), ['"2025-00"', '01..12']);
    expectRefusal(() => months.parseValue('2025-1'), ['"2025-1"', 'YYYY-MM', 'grant_month_2025-01']);
    expectRefusal(() => months.parseValue('2025/01'), ['"2025/01"', 'grant_month_2025-01']);
    expectRefusal(() => months.parseValue('1899-12'), ['"1899-12"', '1900..2199']);
  });
});
