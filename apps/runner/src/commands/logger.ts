import { type Logger, type Redact, redactingLogger } from '@freshet/core';
import pino from 'pino';
import type { OutputStream } from './io.js';

import { LOG_LEVELS, type LogLevel } from './log-levels.js';

export { LOG_LEVELS, type LogLevel };

/**
 * `--log-level`, else FRESHET_LOG_LEVEL, else error: the CLI's own output reports partitions
 * and refusals, and per-request retry warnings would drown it (`--log-level warn` shows them).
 */
export function logLevelOf(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LogLevel {
  const wanted = (flag ?? env.FRESHET_LOG_LEVEL ?? 'error').toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? (wanted as LogLevel) : 'error';
}

/** pino JSON lines on stderr (stdout stays for output and --json), redacted. */
export function createCliLogger(options: { level: LogLevel; stream: OutputStream; redact: Redact }): Logger {
  const logger = pino(
    { level: options.level, base: { app: 'freshet' } },
    { write: (line: string) => options.stream.write(line) },
  );
  return redactingLogger(logger, options.redact);
}
