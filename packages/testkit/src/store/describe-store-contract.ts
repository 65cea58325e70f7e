import type { Store } from '@freshet/core';
import { describe, it } from 'vitest';
import { changeChecks } from './changes.js';
import type { StoreCheckDefinition } from './check.js';
import { checkpointChecks } from './checkpoints.js';
import { freshnessSummaryChecks } from './freshness-summary.js';
import { leaseChecks } from './leases.js';
import { lifecycleChecks } from './lifecycle.js';
import { metaChecks } from './meta.js';
import { notificationChecks } from './notifications.js';
import { quotaChecks } from './quota.js';
import { recordPageChecks } from './record-pages.js';
import { recordChecks } from './records.js';
import { runChecks } from './runs.js';
import { sensorChecks } from './sensor.js';
import { transactionChecks } from './transactions.js';

/** The checks by concern, in the order they run. */
const CONCERNS = {
  checkpoints: checkpointChecks,
  // listRecords' checks live in a file of their own but are records checks: `records.list...`.
  records: { ...recordChecks, ...recordPageChecks },
  changes: changeChecks,
  freshnessSummary: freshnessSummaryChecks,
  runs: runChecks,
  sensor: sensorChecks,
  leases: leaseChecks,
  quota: quotaChecks,
  meta: metaChecks,
  notifications: notificationChecks,
  transactions: transactionChecks,
  lifecycle: lifecycleChecks,
};

type Concerns = typeof CONCERNS;

/** A check's name, `concern.check`, e.g. `leases.expiredTakeover`; it ends the check's test name. */
export type StoreCheck = {
  [C in keyof Concerns]: `${C}.${keyof Concerns[C] & string}`;
}[keyof Concerns];

/** Every check of the suite, by name. */
export const STORE_CHECKS = Object.entries(CONCERNS).flatMap(([concern, checks]) =>
  Object.keys(checks).map((check) => `${concern}.${check}`),
) as StoreCheck[];

export interface StoreContractOptions {
  /** Shown in the test names. */
  name: string;
  /** Opens a fresh, empty store; called once for every check. */
  open(): Promise<Store>;
  /**
   * Disposes of a store `open` gave (drop its schema, remove its file); by default
   * `store.close()`. The check may have closed the store already.
   */
  close?(store: Store): Promise<void>;
  /** Checks that do not apply to this store, each with the reason (shown in the test name). */
  skip?: Partial<Record<StoreCheck, string>>;
}

/**
 * The behaviour every `Store` must have, as a vitest suite: one `describe` per concern
 * (checkpoints, records and the ledger, freshness summary, runs, sensor, leases, quota, meta,
 * transactions, closing), each check on a fresh store. Call it from a vitest test file.
 */
export function describeStoreContract(options: StoreContractOptions): void {
  const dispose = options.close ?? ((store: Store) => store.close());
  const register = (name: StoreCheck, check: StoreCheckDefinition) => {
    const title = `${check.title} [${name}]`;
    const reason = options.skip?.[name];
    if (reason) {
      it.skip(`${title} (skipped: ${reason})`, () => {});
      return;
    }
    it(
      title,
      async () => {
        const store = await options.open();
        try {
          await check.run({ store });
        } finally {
          await dispose(store);
        }
      },
      check.timeoutMs,
    );
  };

  describe(`Store contract: ${options.name}`, () => {
    for (const [concern, checks] of Object.entries(CONCERNS)) {
      describe(concern, () => {
        for (const [check, definition] of Object.entries<StoreCheckDefinition>(checks)) {
          register(`${concern}.${check}` as StoreCheck, definition);
        }
      });
    }
  });
}
