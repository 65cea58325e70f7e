import { newRunId, toFreshetError } from '@freshet/core';
import { parseExplicitScope } from '../planner/scope.js';
import type { RunScope } from '../planner/types.js';
import type { HttpOverrides } from '../runs/engine-sources.js';
import { executeRun } from '../runs/execute-run.js';
import type { RunSummary } from '../runs/types.js';
import type { UiProject } from './ui-project.js';

/** What the launch form (or `POST /api/runs`) asks for. */
export interface LaunchRequest {
  source: string | null;
  window: string | null;
  partitions: string[];
  /** As `--force` in the scope: also run fresh partitions. */
  force: boolean;
  /** As `--force` at the sensor gate: run although the sensor is paused (recorded on the run). */
  overridePause: boolean;
}

const text = (value: unknown): string | null => {
  const s = typeof value === 'string' ? value.trim() : '';
  return s === '' ? null : s;
};
const checked = (value: unknown): boolean =>
  value === true || value === 'on' || value === '1' || value === 'true';

/** Reads a form body or JSON body; unknown fields are ignored, missing ones mean "not asked". */
export function parseLaunchRequest(body: Record<string, unknown>): LaunchRequest {
  const partitions = body.partitions;
  const list = Array.isArray(partitions)
    ? partitions.map((p) => String(p))
    : (text(partitions) ?? '').split(/[\s,]+/);
  return {
    source: text(body.source),
    window: text(body.window),
    partitions: [...new Set(list.map((p) => p.trim()).filter((p) => p !== ''))],
    force: checked(body.force),
    overridePause: checked(body.overridePause),
  };
}

export function scopeOfLaunch(request: LaunchRequest): RunScope {
  return {
    sources: request.source === null ? null : [request.source],
    partitions: request.partitions,
    window: request.window,
    force: request.force,
  };
}

export interface RunStarterOptions {
  project: UiProject;
  http?: HttpOverrides;
  /** The server's stop signals: a run started here stops with it, like `freshet run` on Ctrl-C. */
  signals?: { stop: AbortSignal; abort: AbortSignal };
}

export interface RunStarter {
  /**
   * Starts a manual run (the code path of `freshet run`) and resolves once its run row exists,
   * with its id; the run goes on in the background. Throws for a scope that names unknown
   * sources or bad partitions, before anything is recorded.
   */
  start(request: LaunchRequest): Promise<{ runId: string }>;
  readonly inFlight: number;
  /** Resolves when every run started here has ended. */
  idle(): Promise<void>;
}

export function createRunStarter(options: RunStarterOptions): RunStarter {
  const { project } = options;
  const running = new Set<Promise<unknown>>();
  return {
    async start(request) {
      const scope = scopeOfLaunch(request);
      parseExplicitScope(project.config.sources, scope);
      const runId = newRunId(project.clock.now());
      let created!: () => void;
      const rowExists = new Promise<void>((resolve) => {
        created = resolve;
      });
      const run: Promise<RunSummary> = executeRun({
        store: project.store,
        config: project.config,
        trigger: 'manual',
        scope,
        overridePause: request.overridePause,
        clock: project.clock,
        logger: project.logger,
        ...(project.limiters ? { limiters: await project.limiters() } : {}),
        runId,
        onEvent: (event) => {
          if (event.type === 'run-created') created();
        },
        ...(options.signals ? { stopSignal: options.signals.stop, abortSignal: options.signals.abort } : {}),
        ...(options.http ? { http: options.http } : {}),
      });
      const tracked = run.then(
        (summary) => project.logger.info({ runId, status: summary.status }, `run ${runId} ${summary.status}`),
        (err) => project.logger.error({ runId, code: toFreshetError(err).code }, toFreshetError(err).message),
      );
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
      await Promise.race([rowExists, run]);
      return { runId };
    },
    get inFlight() {
      return running.size;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
