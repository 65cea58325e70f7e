import { resolve } from 'node:path';
import {
  checkStoreFile,
  ErrorCodes,
  FreshetError,
  missingStoreMessage,
  type ReadChangesQuery,
  readChanges,
  type Store,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { toChangeLine } from '../views/change-line.js';
import { type CommandContext, type GlobalOptions, printerFor } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { reportError, withProject } from './handle.js';
import type { OutputStream, Printer } from './io.js';

export interface ChangesFlags {
  run?: string;
  since?: string;
  source?: string;
  partition?: string;
  /** A SQLite store file to read instead of the configured store (the sandbox's, for one). */
  store?: string;
}

/**
 * `freshet changes --run <id> | --since <time|run>`: the change feed as JSON Lines on stdout,
 * one change per line, streamed a page at a time so a million changes never sit in memory.
 */
export async function changesCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: ChangesFlags,
): Promise<number> {
  if (flags.store === undefined) {
    return withProject(ctx, globals, (project) => printChanges(project.store, project.print, flags), 'read');
  }
  const print = printerFor(ctx);
  let store: Store | undefined;
  try {
    const path = resolve(ctx.cwd, flags.store);
    if ((await checkStoreFile(path)) !== 'sqlite') {
      throw new FreshetError(ErrorCodes.STORE_ERROR, missingStoreMessage(path));
    }
    store = await openSqliteStore({ path });
    return await printChanges(store, print, flags);
  } catch (err) {
    return reportError(print, err);
  } finally {
    await store?.close().catch(() => {});
  }
}

async function printChanges(store: Store, print: Printer, flags: ChangesFlags): Promise<number> {
  const query: ReadChangesQuery = {
    ...selection(flags),
    ...(flags.source === undefined ? {} : { source: flags.source }),
    ...(flags.partition === undefined ? {} : { partition: flags.partition }),
  };
  for await (const change of readChanges(store, query)) {
    await writeLine(print.io.stdout, `${print.jsonText(JSON.stringify(toChangeLine(change)))}\n`);
  }
  return ExitCodes.OK;
}

/** `--since` takes an ISO time (`2025-03-20`, `2025-03-20T02:00:00Z`) or a run id. */
function selection(flags: ChangesFlags): ReadChangesQuery {
  if ((flags.run === undefined) === (flags.since === undefined)) {
    throw usage('give either --run <id> (one run’s changes) or --since <time|run> (every change since)');
  }
  if (flags.run !== undefined) return { runId: flags.run };
  const since = flags.since!;
  if (!/^\d{4}-\d{2}-\d{2}/.test(since)) return { since: { runId: since } };
  const time = new Date(since);
  if (Number.isNaN(time.getTime())) {
    throw usage(
      `--since ${JSON.stringify(since)} is not a time; write it like 2025-03-20 or 2025-03-20T02:00:00Z, or give a run id`,
    );
  }
  return { since: time };
}

/** Waits for a full pipe to drain, so a slow reader holds the feed back instead of memory filling. */
async function writeLine(stream: OutputStream, line: string): Promise<void> {
  const flushed = stream.write(line);
  const emitter = stream as OutputStream & { once?: (event: string, fn: () => void) => unknown };
  if (flushed === false && typeof emitter.once === 'function') {
    await new Promise<void>((resolve) => emitter.once!('drain', resolve));
  }
}

function usage(message: string): FreshetError {
  return new FreshetError(ErrorCodes.CONFIG_INVALID, `changes: ${message}`);
}
