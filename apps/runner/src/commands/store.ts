import { loadConfig, type ResolvedConfig, type ResolvedStore, type Store } from '@freshet/core';
import { copyStore } from '@freshet/core/kysely';
import { migrateSqliteStore, openSqliteStore } from '@freshet/core/sqlite';
import { liveLeases, RUN_LOCK_KEY } from '../runs/run-lock.js';
import { migratePluginStore, openPluginStore } from '../services/plugin-store.js';
import { storeTarget } from '../services/store-target.js';
import { WORKER_LEASE_PREFIX } from '../workers/heartbeat.js';
import { type CommandContext, type GlobalOptions, printerFor } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { reportError, withProject } from './handle.js';
import { createCliLogger, logLevelOf } from './logger.js';

export interface StoreMigrateFlags {
  json?: boolean;
}

/** `freshet store migrate`: brings the configured store's schema to this Freshet's version. */
export async function storeMigrateCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: StoreMigrateFlags,
): Promise<number> {
  const print = printerFor(ctx);
  try {
    const config = await configOf(ctx, globals);
    print.addSecrets(config.serviceSecrets);
    const logger = createCliLogger({
      level: logLevelOf(globals.logLevel, ctx.env),
      stream: ctx.io.stderr,
      redact: print.redact,
    });
    const { store } = config;
    const result =
      store.kind === 'sqlite'
        ? await migrateSqliteStore({ path: store.path })
        : await migratePluginStore(store, { logger });
    if (flags.json) {
      print.out(JSON.stringify({ store: store.label, ...result }));
    } else if (result.applied.length === 0) {
      print.out(`store ${store.label}: schema version ${result.to}, up to date`);
    } else {
      print.out(
        `store ${store.label}: schema version ${result.from} -> ${result.to} (applied ${result.applied.join(', ')})`,
      );
    }
    return ExitCodes.OK;
  } catch (err) {
    return reportError(print, err);
  }
}

export interface StoreCopyFlags {
  to: string;
  replace?: boolean;
  json?: boolean;
}

/**
 * `freshet store copy --to <postgres URL | file>`: copies the configured store into another
 * (SQLite into Postgres, or back), counts checked; an interrupted copy goes on where it stopped.
 */
export function storeCopyCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: StoreCopyFlags,
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async ({ store, config, configFile, clock, logger, print }) => {
      const busy = (await liveLeases(store, clock.now())).filter(
        (l) => l.partitionKey === RUN_LOCK_KEY || l.partitionKey.startsWith(WORKER_LEASE_PREFIX),
      );
      if (busy.length > 0) {
        print.err(
          `error: ${config.store.label} is in use (${busy.map((l) => l.holder).join(', ')}); stop its workers, daemon and runs, then copy: a copy taken while it is written would not match`,
        );
        return ExitCodes.REFUSED;
      }
      const target = storeTarget(flags.to, ctx.cwd, configFile ?? `${ctx.cwd}/freshet.config.json`);
      print.addSecrets(target.kind === 'plugin' ? urlPassword(flags.to) : []);
      if (target.kind === config.store.kind && target.label === config.store.label) {
        print.err(`error: --to names the configured store itself (${target.label}); name another store`);
        return ExitCodes.USAGE;
      }
      const into = await openTarget(target, logger);
      try {
        if (!flags.json) print.err(`copying ${config.store.label} into ${target.label}`);
        const report = await copyStore(store, into, {
          ...(flags.replace ? { replace: true } : {}),
          onProgress: ({ table, copied, total }) => {
            if (!flags.json && (copied === total || copied % 10_000 < 500)) {
              print.err(`  ${table}: ${copied}/${total}`);
            }
          },
        });
        if (flags.json) {
          print.out(JSON.stringify({ from: config.store.label, to: target.label, ...report }));
        } else {
          const rows = Object.entries(report.tables).map(([table, n]) => `${table} ${n}`);
          print.out(
            `copied${report.resumed ? ' (resumed)' : ''} into ${target.label}, counts checked: ${rows.join(', ')}`,
          );
          print.out(`point the configuration's store at it to use it (see docs/deploying.md)`);
        }
        return ExitCodes.OK;
      } finally {
        await into.close();
      }
    },
    'existing',
  );
}

async function configOf(ctx: CommandContext, globals: GlobalOptions): Promise<ResolvedConfig> {
  if (ctx.config) return ctx.config;
  ctx.beforeConfigLoad?.();
  const { config } = await loadConfig({
    cwd: ctx.cwd,
    env: ctx.env,
    ...(globals.config === undefined ? {} : { configPath: globals.config }),
  });
  return config;
}

function openTarget(
  target: ResolvedStore,
  logger: Parameters<typeof openPluginStore>[1]['logger'],
): Promise<Store> {
  return target.kind === 'sqlite'
    ? openSqliteStore({ path: target.path })
    : openPluginStore(target, { logger, migrate: true });
}

function urlPassword(url: string): string[] {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? [] : [password];
  } catch {
    return [];
  }
}
