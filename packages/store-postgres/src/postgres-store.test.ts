import type { Store } from '@freshet/core';
import { describeStoreContract } from '@freshet/testkit/store';
import { openPostgresStore } from './open.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './test-database.js';

// The published store suite, unchanged, each check on a fresh schema dropped afterwards.
const schemaOf = new WeakMap<Store, string>();

describeStoreContract({
  name: 'postgres',
  async open() {
    const schema = uniqueSchema();
    const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
    schemaOf.set(store, schema);
    return store;
  },
  async close(store) {
    await store.close();
    const schema = schemaOf.get(store);
    if (schema !== undefined) await dropSchema(schema);
  },
});
