import { errorText } from '@freshet/core';
import { daemonHolder, daemonLeaseTtlMs } from '../daemon/daemon-lease.js';
import { daemonTick } from '../daemon/daemon-tick.js';
import { describeTick } from '../daemon/describe-tick.js';
import { createRunLauncher } from '../daemon/run-launcher.js';
import { startNotificationService } from '../notify/notification-service.js';
import { EMPTY_SCOPE } from '../planner/types.js';
import { executeRun } from '../runs/execute-run.js';
import { followRun, openFleetRuns } from '../workers/follow-runs.js';
import { startHeartbeat } from '../workers/heartbeat.js';
import { createLeadership } from '../workers/leadership.js';
import type { FleetRole } from '../workers/types.js';
import type { CommandContext, GlobalOptions, Project } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { withServiceProject } from './handle.js';

export interface WorkerFlags {
  /** How often (seconds) to look for partitions to take over and runs to join. Default 2. */
  poll?: number;
}

const DEFAULT_POLL_SECONDS = 2;

/**
 * `freshet worker`: one of any number of processes on any hosts sharing one store. The worker
 * that holds the leader lease ticks the schedule and the sensor and creates the runs; every
 * worker works on the partitions of the runs going, each leased to it while it works. A signal
 * stops taking partitions and lets the slices in flight commit; a second aborts them.
 */
export function workerCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: WorkerFlags,
): Promise<number> {
  return withServiceProject(ctx, globals, (project) => work(ctx, project, flags));
}

async function work(ctx: CommandContext, project: Project, flags: WorkerFlags): Promise<number> {
  const { store, config, clock, logger, print } = project;
  const stopSignal = ctx.signals?.stop ?? new AbortController().signal;
  const abortSignal = ctx.signals?.abort;
  const limiters = await project.limiters();
  const role: FleetRole = { workerId: daemonHolder(), pollMs: (flags.poll ?? DEFAULT_POLL_SECONDS) * 1000 };
  const ttlMs = daemonLeaseTtlMs(config.sensor.intervalSeconds);
  const heartbeat = await startHeartbeat({ store, workerId: role.workerId, ttlMs, clock });
  const leadership = createLeadership({ store, workerId: role.workerId, ttlMs, clock });
  const log = (fields: Record<string, unknown>, message: string) =>
    logger.info({ worker: role.workerId, ...fields }, message);

  const launcher = createRunLauncher({
    execute: (request) =>
      executeRun({
        store,
        config,
        scope: EMPTY_SCOPE,
        clock,
        logger,
        ...request,
        limiters,
        fleet: role,
        stopSignal,
        ...(abortSignal ? { abortSignal } : {}),
        ...(ctx.http ? { http: ctx.http } : {}),
      }),
    onFinished(summary) {
      log(
        { event: 'run-end', runId: summary.runId, status: summary.status, totals: summary.totals },
        `run ${summary.runId} ${summary.status}`,
      );
    },
    onError(error, request) {
      logger.error({ event: 'run-error', runKey: request.runKey, err: error }, 'run failed unexpectedly');
    },
  });

  print.out(
    `freshet worker ${role.workerId}: store ${config.store.label}, limiter ${limiters.kind}, sensor every ${config.sensor.intervalSeconds} s. Ctrl-C stops after the slices in flight.`,
  );
  log({ event: 'worker-start', store: config.store.label, limiter: limiters.kind }, 'worker started');

  const notifications = startNotificationService({ store, config, clock, logger });
  // The runs this worker leads (through the launcher) or follows; never two passes over one run.
  const following = new Map<string, Promise<unknown>>();
  let lastTickMs = Number.NEGATIVE_INFINITY;
  let wasLeading = false;
  try {
    while (!stopSignal.aborted) {
      try {
        if (!(await heartbeat.beat()))
          log({ event: 'heartbeat-lost' }, 'heartbeat lease had run out; registered again');
        const leading = await leadership.claim();
        if (leading !== wasLeading) {
          log(
            { event: leading ? 'leader' : 'follower' },
            leading ? 'this worker leads the fleet' : 'this worker no longer leads',
          );
          wasLeading = leading;
        }
        const nowMs = clock.now().getTime();
        if (leading && nowMs - lastTickMs >= config.sensor.intervalSeconds * 1000) {
          const report = await daemonTick({ store, config, clock, launcher, startUp: lastTickMs < 0 });
          lastTickMs = nowMs;
          const { message, fields } = describeTick(report);
          logger.info({ worker: role.workerId, ...fields }, message);
        }
        for (const { run, plan } of await openFleetRuns(store)) {
          if (
            following.has(run.id) ||
            (run.metadata as { fleet?: { leader?: string } }).fleet?.leader === role.workerId
          )
            continue;
          log({ event: 'follow', runId: run.id }, `working on run ${run.id}`);
          const done = followRun(run, plan, {
            store,
            config,
            clock,
            logger,
            role,
            limiters,
            stopSignal,
            ...(abortSignal ? { abortSignal } : {}),
            ...(ctx.http ? { http: ctx.http } : {}),
          })
            .then((result) =>
              log(
                { event: 'follow-end', runId: run.id, partitions: result.results.length },
                `done with run ${run.id}`,
              ),
            )
            .catch((err: unknown) =>
              logger.error(
                { worker: role.workerId, runId: run.id, err: errorText(err) },
                'working on the run failed; trying again',
              ),
            )
            .finally(() => following.delete(run.id));
          following.set(run.id, done);
        }
      } catch (err) {
        logger.error(
          { worker: role.workerId, event: 'tick-error', err: errorText(err) },
          'worker tick failed; trying again',
        );
      }
      await clock.sleep(role.pollMs, stopSignal).catch(() => {});
    }
    log(
      { event: 'worker-stopping', runsInFlight: launcher.inFlight + following.size },
      'stopping after the slices in flight',
    );
    await Promise.all([launcher.idle(), ...following.values()]);
  } finally {
    await notifications.stop().catch(() => {});
    await leadership.release().catch(() => {});
    await heartbeat.stop().catch(() => {});
  }
  log({ event: 'worker-stop' }, 'worker stopped');
  return abortSignal?.aborted ? ExitCodes.PARTITIONS_FAILED : ExitCodes.OK;
}
