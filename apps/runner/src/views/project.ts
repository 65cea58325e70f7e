import type { Clock, ResolvedConfig, Store } from '@freshet/core';

/**
 * What read models read: an open project's configuration, store and clock. The CLI's project
 * and the UI's are both one, so a view is computed the same way whichever shows it.
 */
export interface ViewProject {
  config: ResolvedConfig;
  /** The file the configuration came from (null when the caller passed one in). */
  configFile: string | null;
  store: Store;
  clock: Clock;
}
