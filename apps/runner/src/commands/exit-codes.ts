import { ErrorCodes, isFreshetError } from '@freshet/core';

/** What `freshet` exits with; scripts and the daemon's supervisor rely on these. */
export const ExitCodes = {
  OK: 0,
  /** Some partitions failed (or the run was interrupted); the rest is in the output. */
  PARTITIONS_FAILED: 1,
  /** Bad flags, partition keys, windows or configuration. */
  USAGE: 2,
  /** Refused: the sensor is paused, another run holds the lock, or the state artifact mismatches. */
  REFUSED: 3,
} as const;

export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];

const USAGE_CODES = new Set<string>([
  ErrorCodes.CONFIG_INVALID,
  ErrorCodes.OPTIONS_INVALID,
  ErrorCodes.PARTITION_KEY_INVALID,
  ErrorCodes.SOURCE_UNKNOWN,
]);
const REFUSED_CODES = new Set<string>([
  ErrorCodes.CHECKPOINT_MISMATCH,
  ErrorCodes.STATE_INVALID,
  ErrorCodes.PARTITION_LOCKED,
]);

export function exitCodeForError(err: unknown): ExitCode {
  if (!isFreshetError(err)) return ExitCodes.PARTITIONS_FAILED;
  if (USAGE_CODES.has(err.code)) return ExitCodes.USAGE;
  if (REFUSED_CODES.has(err.code)) return ExitCodes.REFUSED;
  return ExitCodes.PARTITIONS_FAILED;
}
