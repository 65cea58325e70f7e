/**
 * The kit for a store on another SQL database: the shared Kysely implementation of `Store`,
 * its schema and migrations, and the `StoreDialect` a database plugs in. The embedded SQLite
 * store (`@freshet/core/sqlite`) and `@freshet/store-postgres` are both built from it.
 */

export { COPY_MARKER_KEY, type CopyStoreOptions, type CopyStoreReport, copyStore } from './store/copy.js';
export type { StoreDialect } from './store/dialect.js';
export { KyselyStore, type KyselyStoreOptions } from './store/kysely-store.js';
export { type MigrationResult, migrateToLatest } from './store/migrate.js';
export { type Migration, migrations } from './store/migrations.js';
export type { Database } from './store/schema.js';
export { wrapStoreError } from './store/store-error.js';
