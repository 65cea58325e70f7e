import { reconcileStateArtifact, validateStateArtifact } from '@freshet/core';
import { RUN_LOCK_KEY, runLockHolder } from '../runs/run-lock.js';
import { configuredPartition, loadPartitionDetail } from '../views/partition-detail.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { formatMs, formatTime } from './format.js';
import { reportError, withProject } from './handle.js';

/** `freshet checkpoint show <partition>`: the checkpoint, its lease and its ledger totals. */
export function checkpointShowCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  key: string,
  flags: { json?: boolean },
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async (project) => {
      const { print } = project;
      const { partitionKey, sla, checkpoint, lease, ledger } = await loadPartitionDetail(project, key);
      if (flags.json) {
        print.json({ partitionKey, checkpoint, lease, ledger });
        return ExitCodes.OK;
      }
      print.out(`partition ${partitionKey}`);
      if (checkpoint === null) {
        print.out('  no checkpoint: it never ran (the next run starts it from the beginning)');
      } else {
        const c = checkpoint.counts;
        print.out(
          `  status:    ${checkpoint.status} (attempt ${checkpoint.attempt}, run ${checkpoint.runId ?? '-'})`,
        );
        print.out(`  cursor:    ${JSON.stringify(checkpoint.cursor)}`);
        print.out(
          `  counts:    ${c.slices} slices, ${c.written} written, ${c.unchanged} unchanged, ${c.failed} failed, ${c.notFound} not found, ${c.apiCalls} API calls`,
        );
        print.out(
          `  started:   ${formatTime(checkpoint.startedAt)}; updated ${formatTime(checkpoint.updatedAt)}`,
        );
        print.out(
          `  completed: ${formatTime(checkpoint.lastCompleteAt)} (last complete); took ${formatMs(checkpoint.durationMs)}`,
        );
        if (checkpoint.error) print.out(`  error:     ${checkpoint.error.code}: ${checkpoint.error.message}`);
      }
      print.out(
        `  lease:     ${lease ? `held by ${lease.holder} until ${formatTime(lease.expiresAt)}` : 'none'}`,
      );
      if (ledger) {
        print.out(
          `  ledger:    ${ledger.records} records, ${ledger.stale} stale (SLA ${sla}), ${ledger.failed} failed, ${ledger.notFound} not found`,
        );
      }
      return ExitCodes.OK;
    },
    'read',
  );
}

/**
 * `freshet checkpoint validate [partition]`: checks the state artifact against the store
 * (exit 3 on a mismatch); with a partition, also shows how its checkpoint moved since.
 */
export function checkpointValidateCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  key: string | undefined,
  flags: { json?: boolean },
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async ({ store, config, print }) => {
      const partition = key === undefined ? null : configuredPartition(config, key);
      let validation: Awaited<ReturnType<typeof validateStateArtifact>>;
      try {
        validation = await validateStateArtifact(store, config.state.path);
      } catch (err) {
        if (flags.json) {
          const message = err instanceof Error ? err.message : String(err);
          print.json({ path: config.state.path, status: 'invalid', message });
        }
        return reportError(print, err);
      }
      const entry =
        partition && validation.status === 'valid'
          ? (validation.artifact.partitions[partition.key] ?? null)
          : null;
      const checkpoint = partition ? await store.getCheckpoint(partition.key) : null;
      if (flags.json) {
        print.json({
          path: config.state.path,
          status: validation.status,
          runId: validation.status === 'valid' ? validation.artifact.runId : null,
          ...(partition ? { partition: { key: partition.key, artifact: entry, checkpoint } } : {}),
        });
        return ExitCodes.OK;
      }
      if (validation.status === 'absent') {
        print.out(`no state artifact yet (${config.state.path}); the first successful run writes it`);
      } else {
        print.out(
          `state artifact ${config.state.path} is valid: run ${validation.artifact.runId}, written ${formatTime(validation.artifact.writtenAt)}, ledger commit ${validation.artifact.ledgerWatermark.seq}`,
        );
      }
      if (partition) {
        print.out(`partition ${partition.key}:`);
        print.out(
          `  in the artifact: ${entry ? `${entry.status}, cursor ${JSON.stringify(entry.cursor)}` : 'absent'}`,
        );
        print.out(
          `  in the store:    ${checkpoint ? `${checkpoint.status}, cursor ${JSON.stringify(checkpoint.cursor)}` : 'no checkpoint'}`,
        );
        if (entry && checkpoint && entry.updatedAt !== checkpoint.updatedAt.toISOString()) {
          print.out(
            '  it changed after the artifact was written (a later run that did not succeed, or one going now)',
          );
        }
      }
      return ExitCodes.OK;
    },
    'read',
  );
}

/**
 * `freshet checkpoint reset <partition>`: forgets the partition's checkpoint so the next run
 * starts it from the beginning. Records and the ledger stay. Asks first unless --yes.
 */
export function checkpointResetCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  key: string,
  flags: { yes?: boolean; json?: boolean },
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async ({ store, config, clock, print }) => {
      const partition = configuredPartition(config, key);
      const now = clock.now();
      const leases = await store.listLeases(now);
      const lease = leases.find((l) => l.partitionKey === partition.key);
      const runHolder = leases.some((l) => l.partitionKey === RUN_LOCK_KEY)
        ? await runLockHolder(store, now)
        : null;
      if (lease || runHolder) {
        print.err(
          `error: ${lease ? `${partition.key} is leased by run ${lease.holder}` : `run ${runHolder} is going`}; reset it after the run ends`,
        );
        return ExitCodes.REFUSED;
      }
      const checkpoint = await store.getCheckpoint(partition.key);
      if (checkpoint === null) {
        if (flags.json) print.json({ partitionKey: partition.key, reset: false, reason: 'no checkpoint' });
        else print.out(`${partition.key} has no checkpoint; nothing to reset`);
        return ExitCodes.OK;
      }
      if (!flags.yes) {
        const question = `Reset ${partition.key} (${checkpoint.status}, cursor ${JSON.stringify(checkpoint.cursor)})? The next run starts it from the beginning. [y/N] `;
        if (ctx.confirm === undefined || ctx.io.stdin?.isTTY !== true) {
          print.err(
            `error: resetting ${partition.key} needs confirmation; pass --yes (no terminal to ask on)`,
          );
          return ExitCodes.USAGE;
        }
        if (!(await ctx.confirm(question))) {
          print.out('not reset');
          return ExitCodes.OK;
        }
      }
      await store.deleteCheckpoint(partition.key);
      if (flags.json) print.json({ partitionKey: partition.key, reset: true, previous: checkpoint });
      else
        print.out(
          `reset ${partition.key}: the next run starts it from the beginning (its records and ledger stay)`,
        );
      return ExitCodes.OK;
    },
    'existing',
  );
}

/** `freshet checkpoint reconcile`: rebuilds the state artifact from the store, keeping the old file as .bak. */
export function checkpointReconcileCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: { json?: boolean },
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async ({ store, config, clock, print }) => {
      const holder = await runLockHolder(store, clock.now());
      if (holder !== null) {
        print.err(`error: run ${holder} is going; reconcile after it ends`);
        return ExitCodes.REFUSED;
      }
      const { artifact, backupPath } = await reconcileStateArtifact({
        store,
        path: config.state.path,
        clock,
      });
      if (flags.json) {
        print.json({
          path: config.state.path,
          backupPath,
          runId: artifact.runId,
          writtenAt: artifact.writtenAt,
        });
        return ExitCodes.OK;
      }
      print.out(
        `rebuilt ${config.state.path} from the store (${Object.keys(artifact.partitions).length} partitions, ledger commit ${artifact.ledgerWatermark.seq})`,
      );
      if (backupPath) print.out(`the previous file is kept as ${backupPath}`);
      return ExitCodes.OK;
    },
    'existing',
  );
}
