import type { Clock, Logger, ResolvedConfig, RunTrigger, Store } from '@freshet/core';
import type { ExecuteRunOptions } from '../execute-run.js';

/** What every step of a run reads; made once when the run starts and never changed. */
export interface RunContext {
  readonly runId: string;
  readonly runKey: string | null;
  readonly store: Store;
  readonly config: ResolvedConfig;
  readonly trigger: RunTrigger;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly startedAt: Date;
  /** Wall time, not the (possibly shifted) clock: it is compared with temp files' mtimes. */
  readonly processStartedAt: Date;
  readonly options: Readonly<ExecuteRunOptions>;
}
