import type { RunStarter } from './launch.js';
import type { Redact } from './respond.js';
import type { UiProject } from './ui-project.js';

/** What the routes read from and act on. */
export interface UiDeps {
  project: UiProject;
  runs: RunStarter;
  redact: Redact;
}
