import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCodes, type FreshetError, isFreshetError } from './errors.js';
import { parseSourceOptions } from './source-options.js';

const schema = z
  .strictObject({
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .default('https://api.example.gov'),
    apiKey: z.string({ error: 'must be the API key as a string' }).min(1, { error: 'must not be empty' }),
    rows: z.int({ error: 'must be a whole number from 1 to 100' }).min(1).max(100).default(10),
    codes: z
      .array(z.string().regex(/^[A-Z]{3}$/, { error: 'a code is three capital letters' }))
      .min(1, { error: 'must name at least one code' })
      .refine((codes) => new Set(codes).size === codes.length, { error: 'must not name a code twice' })
      .optional(),
    fields: z
      .strictObject({ grants: z.array(z.string()).optional(), loans: z.array(z.string()).optional() })
      .optional(),
    from: z.array(z.strictObject({ source: z.string(), field: z.string() })).optional(),
    note: z.string({ error: 'must be text' }).optional(),
  })
  .refine((o) => o.codes !== undefined || o.fields !== undefined, { error: 'must give codes or fields' })
  .transform((o) => ({ ...o, transformed: true }));

function refusal(input: unknown, secretOptions?: string[]): FreshetError {
  try {
    parseSourceOptions(schema, input, 'acme', secretOptions ? { secretOptions } : {});
  } catch (err) {
    if (isFreshetError(err, ErrorCodes.OPTIONS_INVALID)) return err;
    throw err;
  }
  throw new Error('expected OPTIONS_INVALID');
}

describe('parseSourceOptions', () => {
  it('returns the parsed options with the defaults filled in', () => {
    expect(parseSourceOptions(schema, { apiKey: 'k', codes: ['ABC'] }, 'acme')).toEqual({
      baseUrl: 'https://api.example.gov',
      apiKey: 'k',
      rows: 10,
      codes: ['ABC'],
      transformed: true,
    });
    const plain = z.strictObject({ rows: z.int().default(5) });
    expect(parseSourceOptions(plain, undefined, 'acme')).toEqual({ rows: 5 });
  });

  it('names the option, what it must be and what it got, under the source', () => {
    const err = refusal({ apiKey: 'k', codes: ['ABC'], rows: 500 });
    expect(err.message).toBe(
      '[freshet] [acme] invalid options: option rows must be a whole number from 1 to 100 (got 500)',
    );
    expect(err.source).toBe('acme');
    expect(err.details).toEqual({ options: ['rows'] });
  });

  it('names nested options by their path and shows short values', () => {
    expect(refusal({ apiKey: 'k', codes: ['ABC', 'abcd'] }).message).toContain(
      'option codes[1] a code is three capital letters (got "abcd")',
    );
    expect(refusal({ apiKey: 'k', codes: ['ABC', 'ABC'] }).message).toContain(
      'option codes must not name a code twice (got ["ABC","ABC"])',
    );
    expect(refusal({ apiKey: 'k', codes: [] }).message).toContain(
      'option codes must name at least one code (got an empty list)',
    );
    expect(refusal({ apiKey: 'k', codes: ['ABC'], note: ['a', 'b'] }).message).toContain(
      'option note must be text (got ["a","b"])',
    );
    const long = Array.from({ length: 30 }, () => 'ABC');
    expect(refusal({ apiKey: 'k', codes: ['ABC'], note: long }).message).toContain(
      'option note must be text (got a list of 30)',
    );
    expect(refusal({ apiKey: 'k', codes: ['ABC'], note: [{ a: 1 }] }).message).toContain(
      'option note must be text (got a list of 1)',
    );
    expect(refusal({ apiKey: 'k', codes: ['ABC'], note: 7 }).message).toContain(
      'option note must be text (got 7)',
    );
    expect(refusal({ apiKey: 'k', codes: ['ABC'], note: { a: 1 } }).message).toContain(
      'option note must be text (got an object)',
    );
    expect(refusal({ apiKey: 'k', codes: ['ABC'], baseUrl: `ftp://${'x'.repeat(80)}` }).message).toContain(
      `option baseUrl must be an http(s) URL (got "ftp://${'x'.repeat(54)}…")`,
    );
    expect(refusal({ codes: ['ABC'] }).message).toContain(
      'option apiKey must be the API key as a string (got nothing)',
    );
  });

  it('lists every problem, and each unknown option with the options known at its level', () => {
    const err = refusal({ apiKey: 'k', rows: 0, colour: 'red', fields: { grants: [], subgrants: [] } });
    expect(err.message).toContain('option rows must be a whole number from 1 to 100 (got 0)');
    expect(err.message).toContain(
      'option colour is not known (known options: baseUrl, apiKey, rows, codes, fields, from, note)',
    );
    expect(err.message).toContain('option fields.subgrants is not known (known options: grants, loans)');
    expect(err.details).toEqual({ options: ['rows', 'fields.subgrants', 'colour'] });
    expect(
      refusal({ apiKey: 'k', codes: ['ABC'], from: [{ source: 's', field: 'f', x: 1 }] }).message,
    ).toContain('option from[0].x is not known (known options: source, field)');
  });

  it('reports a rule over the options as a whole, and options that are no object', () => {
    expect(refusal({ apiKey: 'k' }).message).toBe(
      '[freshet] [acme] invalid options: options must give codes or fields',
    );
    expect(refusal('rows=5').message).toContain(
      'options Invalid input: expected object, received string (got "rows=5")',
    );
  });

  it('never shows the value of a secret option', () => {
    const err = refusal({ apiKey: 12345678, codes: ['ABC'] }, ['apiKey']);
    expect(err.message).toContain('option apiKey must be the API key as a string (got a hidden value)');
    expect(err.message).not.toContain('12345678');
    expect(refusal({ apiKey: '', codes: ['ABC'] }, ['apiKey']).message).toContain(
      'option apiKey must not be empty (got a hidden value)',
    );
  });
});
