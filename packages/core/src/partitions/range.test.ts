import { describe, expect, it } from 'vitest';
import { batchCohorts } from './batch-cohorts.js';
import { expectRefusal } from './expect-refusal.js';
import { isoWeekCohorts } from './iso-week-cohorts.js';
import { exampleRange, MAX_RANGE_COHORTS } from './range.js';
import { yearCohorts } from './year-cohorts.js';

const weeks = isoWeekCohorts({ prefix: 'project_week' });
const values = (range: string) => weeks.parseRange(range).map((c) => c.value);

describe('parseRange', () => {
  it('treats a single value or key as a range of one', () => {
    expect(values('2025-W12')).toEqual(['2025-W12']);
    expect(values('project_week_2025-W12')).toEqual(['2025-W12']);
    expect(values('2025-W12..2025-W12')).toEqual(['2025-W12']);
  });

  it('accepts full cohort keys at either end', () => {
    expect(values('project_week_2025-W10..project_week_2025-W14')).toEqual(values('2025-W10..2025-W14'));
    expect(values('project_week_2025-W10..2025-W11')).toEqual(['2025-W10', '2025-W11']);
  });

  it('returns consecutive ordinals, oldest first', () => {
    const cohorts = weeks.parseRange('2020-W50..2021-W05');
    cohorts.forEach((cohort, i) => {
      expect(cohort.ordinal).toBe((cohorts[0]?.ordinal ?? 0) + i);
    });
    expect(cohorts).toHaveLength(9);
  });

  it('refuses a reversed range, naming it and a valid one', () => {
    expectRefusal(
      () => weeks.parseRange('2025-W14..2025-W10'),
      ['"2025-W14..2025-W10"', 'backwards', '2025-W12..2025-W16', 'project_week_2025-W12'],
    );
  });

  it('refuses malformed ranges', () => {
    expectRefusal(() => weeks.parseRange(''), ['""', 'empty', 'project_week_2025-W12']);
    expectRefusal(() => weeks.parseRange('2025-W10..'), ['"2025-W10.."', 'empty end']);
    expectRefusal(() => weeks.parseRange('..2025-W10'), ['"..2025-W10"', 'empty end']);
    expectRefusal(() => weeks.parseRange('2025-W10..2025-W11..2025-W12'), ['more than one ".."']);
    expectRefusal(() => weeks.parseRange('2025-W10...2025-W12'), ['".2025-W12"']);
    expectRefusal(() => weeks.parseRange('2025-W10 .. 2025-W12'), ['"2025-W10 "']);
  });

  it('names the bad end and the whole range', () => {
    expectRefusal(
      () => weeks.parseRange('2025-W50..2025-W53'),
      ['"2025-W50..2025-W53"', '"2025-W53"', '2025 has 52 weeks', 'project_week_2025-W12'],
    );
    expectRefusal(() => weeks.parseRange('2025-W50..award_year_2025'), ['"award_year_2025"']);
  });

  it(`refuses ranges longer than ${MAX_RANGE_COHORTS} cohorts`, () => {
    const wide = batchCohorts({ prefix: 'uei_batch', digits: 6 });
    expect(wide.parseRange('000001..100000')).toHaveLength(MAX_RANGE_COHORTS);
    expectRefusal(
      () => wide.parseRange('000001..100001'),
      ['"000001..100001"', '100001 cohorts', '000001..000005'],
    );
  });

  it('builds its example from the scheme', () => {
    expect(exampleRange(weeks)).toBe('2025-W12..2025-W16');
    expect(exampleRange(yearCohorts({ prefix: 'award_year' }))).toBe('2024..2028');
  });
});
