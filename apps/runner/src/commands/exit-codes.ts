import { ErrorCodes, isFreshetError } from '@freshet/core';

import { type ExitCode, ExitCodes } from './exit-code-values.js';

export { type ExitCode, ExitCodes };

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
