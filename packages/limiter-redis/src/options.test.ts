import { ErrorCodes, isFreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { parseRedisLimiterConfig } from './options.js';

function problem(input: unknown): string {
  try {
    parseRedisLimiterConfig(input);
  } catch (err) {
    expect(isFreshetError(err, ErrorCodes.CONFIG_INVALID)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

function details(input: unknown): unknown {
  try {
    parseRedisLimiterConfig(input);
  } catch (err) {
    return isFreshetError(err) ? err.details : undefined;
  }
  return undefined;
}

describe('parseRedisLimiterConfig', () => {
  it('takes a url and a prefix, defaulting the prefix, and ignores the `use` that chose the plugin', () => {
    expect(parseRedisLimiterConfig({ use: 'redis', url: 'redis://127.0.0.1:6379' })).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'freshet',
      jitterAllowanceMs: 40,
    });
    expect(
      parseRedisLimiterConfig({
        url: 'rediss://cache.internal:6380/2',
        prefix: 'prod:eu-1',
        jitterAllowanceMs: 0,
      }),
    ).toEqual({ url: 'rediss://cache.internal:6380/2', prefix: 'prod:eu-1', jitterAllowanceMs: 0 });
  });

  it('names a missing url and shows an example', () => {
    expect(problem({ use: 'redis' })).toMatch(
      /limiter\.url is missing: set it to the Redis URL every worker shares, e\.g\. redis:\/\/127\.0\.0\.1:6379/,
    );
  });

  it('names a url of the wrong kind without showing its password', () => {
    const message = problem({ url: 'http://admin:s3cret-pass@cache:6379' });
    expect(message).toContain('limiter.url must be a redis:// or rediss:// URL with a host');
    expect(message).toContain('http://admin:***@cache:6379');
    expect(message).not.toContain('s3cret-pass');
    expect(problem({ url: 6379 })).toContain('limiter.url must be a string, the Redis URL (got 6379)');
    expect(problem({ url: 'not a url' })).toContain('(got "(a URL that does not parse)")');
  });

  it('names a bad prefix and says what it is for', () => {
    const message = problem({ url: 'redis://127.0.0.1:6379', prefix: 'has spaces' });
    expect(message).toContain("limiter.prefix must be 1 to 64 letters, digits, '-', '_', '.' or ':'");
    expect(message).toContain('the workers that share quotas must use the same one');
    expect(message).toContain('(got "has spaces")');
  });

  it('names a bad jitter allowance', () => {
    expect(problem({ url: 'redis://127.0.0.1:6379', jitterAllowanceMs: 5000 })).toContain(
      'limiter.jitterAllowanceMs must be from 0 to 1000 ms: how late a start may be without crowding one interval (default 40) (got 5000)',
    );
    expect(problem({ url: 'redis://127.0.0.1:6379', jitterAllowanceMs: '25' })).toContain(
      'limiter.jitterAllowanceMs must be a number of milliseconds (got "25")',
    );
  });

  it('names an unknown key with the known ones, and every problem at once', () => {
    const message = problem({ url: 'redis://127.0.0.1:6379', prefx: 'freshet', password: 'x' });
    expect(message).toContain(
      'limiter.prefx is not a setting of the Redis limiter (known: use, url, prefix, jitterAllowanceMs)',
    );
    expect(message).toContain('limiter.password is not a setting');
    expect(details({ url: 'ftp://x', prefx: 1 })).toEqual({ keys: ['limiter.url', 'limiter.prefx'] });
  });

  it('says what to do when the limiter setting is not an object', () => {
    expect(problem('redis://127.0.0.1:6379')).toContain(
      "limiter must be an object such as { use: 'redis', url: 'redis://127.0.0.1:6379' }",
    );
  });
});
