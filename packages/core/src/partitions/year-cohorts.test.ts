import { describe, expect, it } from 'vitest';
import { expectRefusal } from './expect-refusal.js';
import { yearCohorts } from './year-cohorts.js';

const fiscal = yearCohorts({ prefix: 'award_year', fiscal: true });
const calendar = yearCohorts({ prefix: 'award_year' });

describe('yearCohorts', () => {
  it('gives a fiscal year the window October 1st to October 1st', () => {
    const fy2024 = fiscal.parse('award_year_2024');
    expect(fy2024).toEqual({
      key: 'award_year_2024',
      value: '2024',
      ordinal: 2024,
      window: { start: new Date('2023-10-01T00:00:00Z'), end: new Date('2024-10-01T00:00:00Z') },
    });
    expect(fiscal.kind).toBe('fiscal_year');
  });

  it('gives a calendar year the window January 1st to January 1st', () => {
    expect(calendar.parse('award_year_2024').window).toEqual({
      start: new Date('2024-01-01T00:00:00Z'),
      end: new Date('2025-01-01T00:00:00Z'),
    });
    expect(calendar.kind).toBe('calendar_year');
  });

  it('puts October onwards in the next fiscal year', () => {
    expect(fiscal.containing!(new Date('2023-09-30T23:59:59.999Z')).key).toBe('award_year_2023');
    expect(fiscal.containing!(new Date('2023-10-01T00:00:00Z')).key).toBe('award_year_2024');
    expect(fiscal.containing!(new Date('2024-09-30T12:00:00Z')).key).toBe('award_year_2024');
    expect(calendar.containing!(new Date('2023-10-01T00:00:00Z')).key).toBe('award_year_2023');
  });

  it('expands a range of years with touching windows', () => {
    const years = fiscal.parseRange('2023..2025');
    expect(years.map((c) => c.ordinal)).toEqual([2023, 2024, 2025]);
    expect(years[0]?.window?.end).toEqual(years[1]?.window?.start);
    expect(fiscal.parseRange('award_year_2024..award_year_2025').map((c) => c.key)).toEqual([
      'award_year_2024',
      'award_year_2025',
    ]);
  });

  it('refuses years that are not four digits or not plausible', () => {
    expectRefusal(() => fiscal.parseValue('24'), ['"24"', 'four digits', 'award_year_2024']);
    expectRefusal(() => fiscal.parseValue('FY24'), ['"FY24"', 'award_year_2024']);
    expectRefusal(() => fiscal.parseValue('1899'), ['"1899"', '1900..2199', 'award_year_2024']);
    expectRefusal(() => fiscal.parseValue('2200'), ['"2200"', '1900..2199']);
    expectRefusal(() => fiscal.parse('award_year_20245'), ['"20245"', 'award_year_2024']);
    expectRefusal(
      () => fiscal.containing!(new Date('2199-10-01T00:00:00Z')),
      ['2199-10-01', 'award_year_2199'],
    );
  });
});
