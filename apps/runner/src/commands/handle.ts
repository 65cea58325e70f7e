import { errorText } from '@freshet/core';
import {
  type CommandContext,
  type GlobalOptions,
  openProject,
  type Project,
  printerFor,
  type StoreUse,
} from './context.js';
import { exitCodeForError } from './exit-codes.js';
import type { Printer } from './io.js';

/** Prints an error the way every command does and returns its exit code. */
export function reportError(print: Printer, err: unknown): number {
  print.err(`error: ${errorText(err)}`);
  return exitCodeForError(err);
}

/** Opens the project, runs `work`, reports any error, and always closes the store. */
export async function withProject(
  ctx: CommandContext,
  globals: GlobalOptions,
  work: (project: Project) => Promise<number>,
  use: StoreUse = 'create',
): Promise<number> {
  const print = printerFor(ctx);
  let project: Project | undefined;
  try {
    project = await openProject(ctx, globals, print, use);
    return await work(project);
  } catch (err) {
    return reportError(print, err);
  } finally {
    await project?.close().catch(() => {});
  }
}

/**
 * `withProject` for the processes that keep running (daemon, worker): their logs are their
 * output, so they log at info unless told otherwise.
 */
export function withServiceProject(
  ctx: CommandContext,
  globals: GlobalOptions,
  work: (project: Project) => Promise<number>,
): Promise<number> {
  const logLevel = globals.logLevel ?? ctx.env.FRESHET_LOG_LEVEL ?? 'info';
  return withProject(ctx, { ...globals, logLevel }, work);
}
