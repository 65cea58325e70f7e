import { writeStateArtifact } from '@freshet/core';
import type { RunContext } from './context.js';

/** Step 7, only for a run that succeeded: the state artifact, crash-safe at every step. */
export async function writeArtifact(ctx: RunContext): Promise<{ path: string; writtenAt: string }> {
  const { store, config, runId, clock, options } = ctx;
  const artifact = await writeStateArtifact({
    store,
    path: config.state.path,
    runId,
    clock,
    ...(options.onArtifactStep ? { onStep: options.onArtifactStep } : {}),
  });
  return { path: config.state.path, writtenAt: artifact.writtenAt };
}
