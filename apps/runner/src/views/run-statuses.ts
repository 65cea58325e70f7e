import type { RunStatus } from '@freshet/core';

// Run statuses alone (no runtime import): the command table lists them at start-up.
export const RUN_STATUSES: readonly RunStatus[] = [
  'running',
  'succeeded',
  'failed',
  'interrupted',
  'refused',
];
