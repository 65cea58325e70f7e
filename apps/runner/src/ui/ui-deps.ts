import type { Project } from '../commands/context.js';
import type { RunStarter } from './data/launch.js';
import type { Redact } from './respond.js';

/** What the routes read from and act on. */
export interface UiDeps {
  project: Project;
  runs: RunStarter;
  redact: Redact;
}
