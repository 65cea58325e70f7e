// The exit codes alone, without the error mapping: the command table reads them at start-up.

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
