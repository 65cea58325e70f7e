import type { LimiterFactory, Logger, Redact } from '@freshet/core';
import type { ViewProject } from '../views/project.js';

/**
 * The open project the UI serves: what its views read, plus a logger for its runs and errors
 * and the redaction every response goes through. `freshet serve` and `daemon --ui` pass their
 * own project, which is one.
 */
export interface UiProject extends ViewProject {
  logger: Logger;
  print: { readonly redact: Redact };
  /** The limiters runs launched from the UI go through: the config's, in-process when absent. */
  limiters?(): Promise<LimiterFactory>;
}
