// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the messages show a ${VAR} reference on purpose.
import { ErrorCodes, isFreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { parseStoreOptions } from './options.js';
import { parsePostgresUrl } from './url.js';

const URL_WITH_SECRET = 'postgres://freshet:s3cret-pw@db.internal:6543/freshet';

function problems(input: unknown): string {
  try {
    parseStoreOptions(input);
  } catch (err) {
    expect(isFreshetError(err, ErrorCodes.CONFIG_INVALID)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('the options passed');
}

describe('store options', () => {
  it('fills in the defaults and drops the plugin name', () => {
    expect(parseStoreOptions({ use: '@freshet/store-postgres', url: URL_WITH_SECRET })).toEqual({
      url: URL_WITH_SECRET,
      schema: 'public',
      poolSize: 10,
      statementTimeoutMs: 30_000,
      lockTimeoutMs: 10_000,
      connectTimeoutMs: 10_000,
      applicationName: 'freshet',
    });
  });

  it('asks for the URL, naming the environment variable', () => {
    expect(problems({})).toContain(
      "store.url is missing; it must be a postgres:// URL, e.g. url: '${FRESHET_DATABASE_URL}'",
    );
    expect(problems({ url: '' })).toContain('store.url is empty; set FRESHET_DATABASE_URL');
  });

  it('refuses another scheme or no URL at all, without echoing it', () => {
    const scheme = problems({ url: 'mysql://freshet:s3cret-pw@db/freshet' });
    expect(scheme).toContain('store.url must start with postgres:// or postgresql:// (got a "mysql:" URL)');
    expect(scheme).not.toContain('s3cret-pw');
    const garbage = problems({ url: 'host=db password=s3cret-pw' });
    expect(garbage).toContain(
      'store.url is not a URL; write it as postgres://user:password@host:5432/database',
    );
    expect(garbage).not.toContain('s3cret-pw');
    expect(problems({ url: 42 })).toContain('store.url must be a postgres:// URL');
  });

  it('names each bad key with what it must be and what it got, one line each', () => {
    const message = problems({
      url: URL_WITH_SECRET,
      poolSize: 0,
      statementTimeoutMs: '30s',
      schema: 'Freshet-Data',
      applicationName: 'x'.repeat(64),
    });
    expect(message.split('\n')).toEqual([
      '[freshet] store.schema must be a plain Postgres schema name: lower-case letters, digits and _, at most 63, e.g. freshet (got "Freshet-Data")',
      'store.poolSize must be a whole number of connections, 1 or more (got 0)',
      'store.statementTimeoutMs must be a whole number of milliseconds, 0 or more (got "30s")',
      'store.applicationName must be at most 63 characters (Postgres cuts longer names) (got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…")',
    ]);
    expect(message).not.toContain('s3cret-pw');
  });

  it("refuses Postgres's own schema prefix and unknown keys", () => {
    expect(problems({ url: URL_WITH_SECRET, schema: 'pg_freshet' })).toContain(
      'store.schema must not start with pg_',
    );
    expect(problems({ url: URL_WITH_SECRET, poolsize: 4 })).toContain(
      'store.poolsize is not an option of @freshet/store-postgres (known: url, schema, poolSize, statementTimeoutMs, lockTimeoutMs, connectTimeoutMs, applicationName)',
    );
  });
});

describe('connection URLs', () => {
  it('names the store without the password', () => {
    expect(
      parsePostgresUrl('postgresql://freshet:p%40ss@db.internal:6543/warehouse?sslmode=require'),
    ).toEqual({
      scheme: 'postgresql:',
      redacted: 'postgres://freshet@db.internal:6543/warehouse',
      password: 'p@ss',
    });
    expect(parsePostgresUrl('postgres://db.internal')?.redacted).toBe('postgres://db.internal:5432/postgres');
    expect(parsePostgresUrl('not a url')).toBeNull();
  });
});
