import { describe, expect, it } from 'vitest';
import { captureLogger } from '../quota/test-fakes.js';
import { createRedactor, redactError, redactingLogger, redactValue } from './redact.js';

const KEY = 'abc123 secret/+=';

describe('createRedactor', () => {
  const redact = createRedactor([KEY]);

  it('replaces the secret in its raw, URL-encoded, form-encoded and JSON-escaped forms', () => {
    expect(redact(`key is ${KEY}.`)).toBe('key is ***.');
    expect(redact(`?q=${encodeURIComponent(KEY)}`)).toBe('?q=***');
    expect(redact(`q=${new URLSearchParams({ k: KEY }).toString().slice(2)}`)).toBe('q=***');
    expect(redact(JSON.stringify({ k: 'a"b\\c' }))).toBe(JSON.stringify({ k: 'a"b\\c' }));
    const jsonRedact = createRedactor(['a"b\\c secret']);
    expect(jsonRedact(JSON.stringify({ k: 'a"b\\c secret' }))).toBe('{"k":"***"}');
  });

  it('masks key-like query parameters and headers it was not told about', () => {
    const plain = createRedactor([]);
    expect(plain('https://api.sam.gov/x?api_key=REAL&page=2')).toBe(
      'https://api.sam.gov/x?api_key=***&page=2',
    );
    expect(plain('https://x/y?page=1&apiKey=REAL#top')).toBe('https://x/y?page=1&apiKey=***#top');
    expect(plain('https://x/y?access_token=REAL')).toBe('https://x/y?access_token=***');
    expect(plain('X-Api-Key: REAL')).toBe('X-Api-Key: ***');
    expect(plain('{"x-api-key":"REAL","page":1}')).toBe('{"x-api-key":"***","page":1}');
    expect(plain('Authorization: Bearer REAL')).toBe('Authorization: ***');
    expect(plain('send the X-Api-Key header')).toBe('send the X-Api-Key header');
  });

  it('ignores empty and very short secrets, which would mask ordinary text', () => {
    expect(createRedactor(['', 'ab'])('a cab')).toBe('a cab');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(createRedactor(['secret', 'secret-and-more'])('x secret-and-more y')).toBe('x *** y');
  });
});

describe('redactValue, redactError and redactingLogger', () => {
  const redact = createRedactor([KEY]);

  it('redacts strings deep inside objects and arrays, leaving other values alone', () => {
    const when = new Date(0);
    expect(redactValue({ a: [KEY, 1, { b: `x${KEY}` }], when, n: null }, redact)).toEqual({
      a: ['***', 1, { b: 'x***' }],
      when,
      n: null,
    });
  });

  it('copies an error with message, stack and causes redacted, keeping name and code', () => {
    const inner = Object.assign(new Error(`connect to ${KEY}`), { code: 'ECONNRESET', socket: { key: KEY } });
    const outer = new TypeError(`failed ${KEY}`, { cause: inner });
    const copy = redactError(outer, redact);
    expect(copy.message).toBe('failed ***');
    expect(copy.name).toBe('TypeError');
    expect(copy.stack).not.toContain(KEY);
    const cause = copy.cause as Error & { code?: string; socket?: unknown };
    expect(cause.message).toBe('connect to ***');
    expect(cause.code).toBe('ECONNRESET');
    expect(cause.socket).toBeUndefined();
  });

  it('redacts log messages and fields', () => {
    const captured = captureLogger();
    redactingLogger(captured, redact).warn(
      { url: `https://x/?k=${encodeURIComponent(KEY)}` },
      `retrying ${KEY}`,
    );
    expect(captured.lines).toEqual([
      { level: 'warn', fields: { url: 'https://x/?k=***' }, message: 'retrying ***' },
    ]);
  });
});
