import { link, rm } from 'node:fs/promises';
import {
  type Clock,
  checkStoreFile,
  ErrorCodes,
  FreshetError,
  type LimiterFactory,
  type Logger,
  loadConfig,
  missingStoreMessage,
  type ResolvedConfig,
  type Store,
  systemClock,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import type { HttpOverrides } from '../runs/engine-sources.js';
import { openLimiters } from '../services/limiters.js';
import { openPluginStore } from '../services/plugin-store.js';
import { type CliIo, Printer, secretsInEnv } from './io.js';
import { createCliLogger, logLevelOf } from './logger.js';

/** What commands get from the process (or from a test). */
export interface CommandContext {
  io: CliIo;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  clock?: Clock;
  /** A configuration to use instead of loading one (tests). */
  config?: ResolvedConfig;
  /** HTTP overrides for every source (tests, simulators). */
  http?: HttpOverrides;
  /** Ctrl-C once: `stop` (finish slices in flight); twice: `abort`. */
  signals?: { stop: AbortSignal; abort: AbortSignal };
  /**
   * Told, before a command runs, what the first Ctrl-C (or SIGTERM) does for it, which the
   * CLI says on stderr when the signal comes; null: the signal ends the process at once (the
   * command waits for nothing). See commands/stop-notice.ts.
   */
  setStopNotice?(notice: string | null): void;
  /** Asks a yes/no question; without it, only --yes confirms. */
  confirm?(question: string): Promise<boolean>;
  /**
   * Called before a configuration file is loaded. The CLI lets the file import `@freshet/*`
   * here (a module-loader hook, which slows every later import: not worth paying before).
   */
  beforeConfigLoad?(): void;
}

/** Options every command takes. */
export interface GlobalOptions {
  config?: string;
  logLevel?: string;
}

/** The opened project: configuration, store, logger and a redacting printer. */
export interface Project {
  config: ResolvedConfig;
  /** The file the configuration came from (null when a test passed one in). */
  configFile: string | null;
  store: Store;
  /** The limiter factory of the config, opened on first use (a shared one connects to its service). */
  limiters(): Promise<LimiterFactory>;
  logger: Logger;
  print: Printer;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * How a command uses the store. `create`: commands that do work make it when it is missing.
 * `read`: a missing store reads as empty and is not created (status, plan, runs). `existing`:
 * a missing store is an error (reconcile, reset). A file that is not a store is refused by all.
 */
export type StoreUse = 'create' | 'read' | 'existing';

export function printerFor(ctx: CommandContext): Printer {
  return new Printer(ctx.io, secretsInEnv(ctx.env));
}

/** Loads the configuration and opens its store. Throws CONFIG_INVALID / STORE_ERROR. */
export async function openProject(
  ctx: CommandContext,
  globals: GlobalOptions,
  print: Printer,
  use: StoreUse = 'create',
): Promise<Project> {
  const clock = ctx.clock ?? clockFromEnv(ctx.env);
  let config = ctx.config;
  let configFile: string | null = null;
  if (config === undefined) {
    ctx.beforeConfigLoad?.();
    const loaded = await loadConfig({
      cwd: ctx.cwd,
      env: ctx.env,
      ...(globals.config === undefined ? {} : { configPath: globals.config }),
    });
    config = loaded.config;
    configFile = loaded.filepath;
  }
  print.addSecrets(config.sources.flatMap((s) => s.source.secrets ?? []));
  print.addSecrets(config.serviceSecrets);
  const logger = createCliLogger({
    level: logLevelOf(globals.logLevel, ctx.env),
    stream: ctx.io.stderr,
    redact: print.redact,
  });
  const store =
    config.store.kind === 'sqlite'
      ? await openSqliteFile(config.store.path, use, print)
      : // A shared store changes schema only through `freshet store migrate`: never mid-fleet by
        // whichever process of a rolling upgrade happens to start first.
        await openPluginStore(config.store, { logger, migrate: false });
  const resolvedConfig = config;
  let limiters: Promise<LimiterFactory> | null = null;
  return {
    config,
    configFile,
    store,
    limiters: () => {
      limiters ??= openLimiters(resolvedConfig.limiter, logger);
      return limiters;
    },
    logger,
    print,
    clock,
    async close() {
      const opened = limiters;
      limiters = null;
      try {
        if (opened) await (await opened.catch(() => null))?.close();
      } finally {
        await store.close();
      }
    },
  };
}

async function openSqliteFile(path: string, use: StoreUse, print: Printer): Promise<Store> {
  if (path === ':memory:' || (await checkStoreFile(path)) === 'sqlite') return openSqliteStore({ path });
  if (use === 'existing') throw new FreshetError(ErrorCodes.STORE_ERROR, missingStoreMessage(path));
  if (use === 'read') {
    print.err(`note: ${missingStoreMessage(path)}; until then everything reads as never run`);
    return openSqliteStore({ path: ':memory:' });
  }
  await createStoreFile(path);
  return openSqliteStore({ path });
}

/**
 * Makes a new store beside `path` and links it into place, so a crash never leaves a
 * half-made (0-byte) store that the next start would have to refuse. `link` fails when
 * another process made the store first; theirs is kept.
 */
async function createStoreFile(path: string): Promise<void> {
  const temp = `${path}.${process.pid}.creating`;
  await rm(temp, { force: true });
  const created = await openSqliteStore({ path: temp });
  await created.close();
  try {
    await link(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * The clock commands use: the system clock, or, for tests of the built CLI only, one that
 * starts at `FRESHET_NOW` (an ISO time) and runs on from there at real speed. The one place
 * the variable is read.
 */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  const value = env.FRESHET_NOW;
  if (value === undefined || value === '') return systemClock;
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `FRESHET_NOW=${JSON.stringify(value)} is not a time; write an ISO time like 2025-03-20T02:00:00Z, or unset it (it is for tests only)`,
    );
  }
  const offsetMs = at - Date.now();
  return { now: () => new Date(Date.now() + offsetMs), sleep: systemClock.sleep };
}
