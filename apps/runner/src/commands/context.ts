import {
  type Clock,
  ErrorCodes,
  FreshetError,
  type Logger,
  loadConfig,
  type ResolvedConfig,
  type Store,
  systemClock,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import type { HttpOverrides } from '../runs/engine-sources.js';
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
  logger: Logger;
  print: Printer;
  clock: Clock;
  close(): Promise<void>;
}

export function printerFor(ctx: CommandContext): Printer {
  return new Printer(ctx.io, secretsInEnv(ctx.env));
}

/** Loads the configuration and opens its store. Throws CONFIG_INVALID / STORE_ERROR. */
export async function openProject(
  ctx: CommandContext,
  globals: GlobalOptions,
  print: Printer,
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
  const logger = createCliLogger({
    level: logLevelOf(globals.logLevel, ctx.env),
    stream: ctx.io.stderr,
    redact: print.redact,
  });
  const store = await openSqliteStore({ path: config.store.path });
  return {
    config,
    configFile,
    store,
    logger,
    print,
    clock,
    close: () => store.close(),
  };
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
