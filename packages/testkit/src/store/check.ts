import type { Store } from '@freshet/core';

/** What one check gets: a fresh, empty store, closed after the check. */
export interface StoreCheckContext {
  store: Store;
}

export interface StoreCheckDefinition {
  /** Shown in the test name. */
  title: string;
  run(context: StoreCheckContext): Promise<void>;
  /** For checks that write tens of thousands of rows. */
  timeoutMs?: number;
}

/** The checks of one concern, by name; `concern.name` is how a check is skipped. */
export function defineChecks<const Name extends string>(
  checks: Record<Name, StoreCheckDefinition>,
): Record<Name, StoreCheckDefinition> {
  return checks;
}
