import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { defineCohortScheme, type SchemeSpec } from './define-scheme.js';
import { expectRefusal } from './expect-refusal.js';
import { isoWeekCohorts } from './iso-week-cohorts.js';

const tens: Omit<SchemeSpec, 'prefix'> = {
  kind: 'batch',
  exampleValue: '10',
  minOrdinal: 1,
  maxOrdinal: 9,
  ordinalOf: (value, reject) => (/^[1-9]0$/.test(value) ? Number(value) / 10 : reject(`${value} is no ten`)),
  valueOf: (ordinal) => String(ordinal * 10),
  windowOf: () => null,
};

describe('defineCohortScheme', () => {
  it('builds keys from the prefix and the example from the example value', () => {
    const scheme = defineCohortScheme({ ...tens, prefix: 'tens' });
    expect(scheme.example).toBe('tens_10');
    expect(scheme.parse('tens_30')).toEqual({ key: 'tens_30', value: '30', ordinal: 3, window: null });
  });

  it('refuses prefixes that would make unparseable keys', () => {
    for (const prefix of ['', 'Tens', '9tens', 'tens_', 'te-ns', 'te ns', 'a'.repeat(49)]) {
      expectRefusal(() => defineCohortScheme({ ...tens, prefix }), ['cohort prefix'], ErrorCodes.INTERNAL);
    }
  });

  it('refuses ordinals that name no cohort', () => {
    const scheme = defineCohortScheme({ ...tens, prefix: 'tens' });
    for (const ordinal of [0, 10, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectRefusal(() => scheme.fromOrdinal(ordinal), [String(ordinal), '1..9', 'tens_10']);
    }
  });

  it('refuses values and keys that are not text', () => {
    const scheme = defineCohortScheme({ ...tens, prefix: 'tens' });
    expectRefusal(() => scheme.parseValue(undefined as unknown as string), ['"undefined"', 'tens_10']);
    expectRefusal(() => scheme.parse(42 as unknown as string), ['"42"', 'tens_10']);
    expectRefusal(() => scheme.parse('tens_'), ['""', 'empty', 'tens_10']);
  });

  it('hands out fresh cohorts, so a caller mutating a window changes nothing else', () => {
    const weeks = isoWeekCohorts({ prefix: 'project_week' });
    const first = weeks.parseValue('2025-W12');
    first.window?.start.setUTCFullYear(1999);
    expect(weeks.parseValue('2025-W12').window?.start).toEqual(new Date('2025-03-17T00:00:00Z'));
  });
});
