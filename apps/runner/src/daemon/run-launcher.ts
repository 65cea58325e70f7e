import type { Json, RunTrigger } from '@freshet/core';
import type { RunEvent, RunSummary } from '../runs/types.js';

export interface LaunchRequest {
  trigger: RunTrigger;
  runKey: string;
  triggerDetail?: Json;
}

/** What a launcher needs to start one run: `executeRun` with everything but these filled in. */
export type ExecuteLaunch = (
  request: LaunchRequest & { onEvent: (event: RunEvent) => void },
) => Promise<RunSummary>;

export interface RunLauncher {
  /**
   * Starts a run in the background and resolves once it holds the run lock and has its plan,
   * or has ended (refused, or its run key had a run already): from then on the run is visible
   * to the next tick as the run going. Rejects when the run could not even be recorded, so the
   * schedule and the sensor ask again on the next tick.
   */
  launch(request: LaunchRequest): Promise<void>;
  /** Runs started and not finished. */
  readonly inFlight: number;
  /** Resolves once every run started so far has finished. */
  idle(): Promise<void>;
}

export interface RunLauncherOptions {
  execute: ExecuteLaunch;
  onFinished?(summary: RunSummary, request: LaunchRequest): void;
  /** A run that threw after its row existed (executeRun keeps store failures in the summary, so rare). */
  onError?(error: unknown, request: LaunchRequest): void;
}

/** Starts runs off the daemon's loop, so ticks go on (and are recorded) while a run works. */
export function createRunLauncher(options: RunLauncherOptions): RunLauncher {
  const running = new Set<Promise<void>>();
  return {
    launch(request) {
      return new Promise<void>((started, failed) => {
        let recorded = false;
        const onEvent = (event: RunEvent) => {
          if (event.type === 'run-created') recorded = true;
          if (event.type === 'plan') started();
        };
        const run = options
          .execute({ ...request, onEvent })
          .then(
            (summary) => {
              started();
              options.onFinished?.(summary, request);
            },
            (error: unknown) => {
              if (!recorded) return failed(error);
              started();
              options.onError?.(error, request);
            },
          )
          .finally(() => {
            running.delete(run);
          });
        running.add(run);
      });
    },
    get inFlight() {
      return running.size;
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
