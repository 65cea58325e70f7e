import type { Json, RunRow, RunTrigger, Store } from '@freshet/core';
import type { Refusal } from './refusals.js';

export interface RefusedRunInput {
  id: string;
  runKey: string | null;
  trigger: RunTrigger;
  scope: Json;
  refusal: Refusal;
  metadata?: Record<string, Json>;
  at: Date;
}

/**
 * Records a run that was refused before doing any work, so `freshet runs list` and the UI
 * show every attempt with its reason. False when the run key exists already.
 */
export function recordRefusedRun(store: Store, input: RefusedRunInput): Promise<boolean> {
  const row: RunRow = {
    id: input.id,
    runKey: input.runKey,
    trigger: input.trigger,
    status: 'refused',
    scope: input.scope,
    plan: null,
    metadata: { refusal: { ...input.refusal }, ...input.metadata },
    startedAt: input.at,
    finishedAt: input.at,
    error: { code: input.refusal.code, message: input.refusal.message },
  };
  return store.createRun(row);
}
