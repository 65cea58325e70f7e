import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';

/*
 * The tests' Postgres: FRESHET_TEST_DATABASE_URL, or the one every machine of the project runs.
 * Every store a test opens lives in a schema of its own, dropped afterwards, so tests never see
 * each other's data. An unreachable server fails the tests: it does not skip them.
 */
export const TEST_DATABASE_URL =
  process.env.FRESHET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let admin: pg.Pool | undefined;

/** A pool for the tests' own statements (dropping schemas, reading catalogs). */
export function adminPool(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  return admin;
}

afterAll(async () => {
  await admin?.end();
  admin = undefined;
});

/** A schema name no other test uses. */
export function uniqueSchema(prefix = 'freshet_test'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  await adminPool().query(`drop schema if exists "${schema}" cascade`);
}

/**
 * Makes a schema name of its own at every call, each dropped after the test that asked for it.
 * Call once at the top of a test file: `const freshSchema = schemasDroppedAfterEach('freshet_open');`.
 */
export function schemasDroppedAfterEach(prefix: string): () => string {
  const schemas: string[] = [];
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });
  return () => {
    const schema = uniqueSchema(prefix);
    schemas.push(schema);
    return schema;
  };
}
