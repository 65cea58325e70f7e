/**
 * Freshet's store on PostgreSQL, for several `freshet worker` processes on several hosts sharing
 * one store. Configure it with `store: { use: '@freshet/store-postgres', url: '${FRESHET_DATABASE_URL}' }`.
 */
export { type PostgresDialectOptions, postgresDialect } from './dialect.js';
export {
  migratePostgresStore,
  migrateStore,
  type OpenPostgresStoreContext,
  openPostgresStore,
  openStore,
} from './open.js';
export type { PostgresStoreOptions } from './options.js';
export { isTransientPostgresError } from './transient.js';
