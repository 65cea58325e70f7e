import type { Logger } from '../logger.js';
import type { ChangeStore } from './contracts/changes.js';
import type { CheckpointStore } from './contracts/checkpoints.js';
import type { LeaseStore } from './contracts/leases.js';
import type { MetaStore } from './contracts/meta.js';
import type { NotificationStore } from './contracts/notifications.js';
import type { QuotaStore } from './contracts/quota.js';
import type { RecordStore } from './contracts/records.js';
import type { RunStore } from './contracts/runs.js';
import type { SensorStore } from './contracts/sensor.js';
import type { FreshnessSummaryStore } from './freshness-summary.js';

export type * from './contracts/changes.js';
export type * from './contracts/checkpoints.js';
export type * from './contracts/leases.js';
export type * from './contracts/meta.js';
export type * from './contracts/notifications.js';
export type * from './contracts/quota.js';
export type * from './contracts/records.js';
export type * from './contracts/runs.js';
export type * from './contracts/sensor.js';

/**
 * Everything Freshet persists: one small contract per concern, composed into one interface.
 * Every method is atomic on its own; `transaction` groups several into one atomic unit (the
 * slice protocol's step 3). Implementations: the embedded SQLite store (`@freshet/core/sqlite`);
 * every store passes the suite in `@freshet/testkit/store`.
 */
export interface Store
  extends CheckpointStore,
    RecordStore,
    ChangeStore,
    FreshnessSummaryStore,
    RunStore,
    SensorStore,
    LeaseStore,
    QuotaStore,
    MetaStore,
    NotificationStore {
  /** Runs `work` in one write transaction; the `tx` store it gets sees and makes its changes. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Closes the store; calls after that fail with `STORE_ERROR`. Closing twice is harmless. */
  close(): Promise<void>;
}

/**
 * What a store plugin package exports (`store: { use: '@freshet/store-postgres', url: … }`): it
 * gets the rest of the config's `store` object (environment variables already interpolated)
 * and opens a migrated store, refusing a schema newer than it knows. `migrate: false` asks it
 * to open without migrating and fail, naming `freshet store migrate`, when the schema is older.
 */
export interface StorePluginModule {
  openStore(options: Record<string, unknown>, context: StorePluginContext): Promise<Store>;
  /** Brings the schema to the latest version (`freshet store migrate`) and says what it applied. */
  migrateStore(
    options: Record<string, unknown>,
    context: { logger: Logger },
  ): Promise<{ from: number; to: number; applied: number[] }>;
}

export interface StorePluginContext {
  logger: Logger;
  /** Default true: bring the schema to the latest version on open. */
  migrate?: boolean;
}
