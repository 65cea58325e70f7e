import type { Command } from 'commander';

// Loaded with the command table at start-up: no imports beyond commander's types.

/**
 * What the first Ctrl-C (or SIGTERM) does for the commands that run partitions (run, daemon,
 * worker, sandbox): what was fetched is kept, the rest waits for the next run. A second aborts.
 */
export const SLICES_IN_FLIGHT_NOTICE =
  'stopping after the slices in flight commit (Ctrl-C again to abort them)';

const notices = new WeakMap<Command, string>();

/**
 * Marks `command` as one that stops gracefully on the first Ctrl-C (or SIGTERM), saying
 * `notice` on stderr when the signal comes. A command not marked ends at once on a signal.
 */
export function stopsWith<C extends Command>(command: C, notice: string): C {
  notices.set(command, notice);
  return command;
}

/**
 * The notice of `command`, or of the nearest command above it that has one; null when none
 * has: the command does not wait for anything, and a signal ends the process.
 */
export function stopNoticeOf(command: Command): string | null {
  for (let c: Command | null = command; c !== null; c = c.parent) {
    const notice = notices.get(c);
    if (notice !== undefined) return notice;
  }
  return null;
}
