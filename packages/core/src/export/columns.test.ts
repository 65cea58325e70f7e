import { describe, expect, it } from 'vitest';
import { isFreshetError } from '../errors.js';
import { MISMATCH, payloadColumns, toCell, valueAt } from './columns.js';

describe('payloadColumns', () => {
  it('names each declared path payload.<path> and splits dotted paths', () => {
    expect(payloadColumns('nih', { appl_id: 'integer', 'organization.org_name': 'string' })).toEqual([
      { name: 'payload.appl_id', path: 'appl_id', type: 'integer', steps: ['appl_id'] },
      {
        name: 'payload.organization.org_name',
        path: 'organization.org_name',
        type: 'string',
        steps: ['organization', 'org_name'],
      },
    ]);
  });

  it('refuses an unknown type, naming the source, the field and the types there are', () => {
    const call = () => payloadColumns('nih', { appl_id: 'int' as never });
    expect(call).toThrow(/\[nih\] column "appl_id" has type "int"; use one of string, integer/);
    try {
      call();
    } catch (err) {
      expect(isFreshetError(err) && err.code).toBe('CONFIG_INVALID');
    }
  });

  it('refuses an empty path segment', () => {
    expect(() => payloadColumns('nih', { 'organization..org_name': 'string' })).toThrow(/not a payload path/);
  });
});

describe('valueAt', () => {
  it('follows a dotted path and stops at anything that is not an object', () => {
    const payload = { a: { b: 1 }, list: [{ b: 2 }], s: 'x' };
    expect(valueAt(payload, ['a', 'b'])).toBe(1);
    expect(valueAt(payload, ['list', 'b'])).toBeUndefined();
    expect(valueAt(payload, ['s', 'length'])).toBeUndefined();
    expect(valueAt(payload, ['missing', 'b'])).toBeUndefined();
  });
});

describe('toCell', () => {
  it('reads null and missing values as null for every type', () => {
    expect(toCell(null, 'integer')).toBeNull();
    expect(toCell(undefined, 'date')).toBeNull();
  });

  it('accepts lossless readings and marks the rest as mismatches', () => {
    expect(toCell(12, 'integer')).toBe(12);
    expect(toCell('12', 'integer')).toBe(12);
    expect(toCell(1.5, 'integer')).toBe(MISMATCH);
    expect(toCell(2 ** 60, 'integer')).toBe(MISMATCH);
    expect(toCell('1.5e3', 'number')).toBe(1500);
    expect(toCell('N/A', 'number')).toBe(MISMATCH);
    expect(toCell('', 'number')).toBe(MISMATCH);
    expect(toCell(7, 'string')).toBe('7');
    expect(toCell({ a: 1 }, 'string')).toBe(MISMATCH);
    expect(toCell(false, 'boolean')).toBe(false);
    expect(toCell('false', 'boolean')).toBe(MISMATCH);
  });

  it('reads dates as the calendar day written and date-times without a zone as UTC', () => {
    expect(toCell('2021-12-01T12:12:00Z', 'date')).toEqual(new Date('2021-12-01T00:00:00Z'));
    expect(toCell('2025-02-30', 'date')).toBe(MISMATCH);
    expect(toCell('12/01/2021', 'date')).toBe(MISMATCH);
    expect(toCell('2025-03-17T08:30:00', 'timestamp')).toEqual(new Date('2025-03-17T08:30:00Z'));
    expect(toCell('2025-03-17T08:30:00-05:00', 'timestamp')).toEqual(new Date('2025-03-17T13:30:00Z'));
    expect(toCell('2025-03-17', 'timestamp')).toEqual(new Date('2025-03-17T00:00:00Z'));
    expect(toCell('yesterday', 'timestamp')).toBe(MISMATCH);
  });
});
