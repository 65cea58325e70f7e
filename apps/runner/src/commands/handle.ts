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
