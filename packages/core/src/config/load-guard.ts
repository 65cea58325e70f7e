import { isMainThread, Worker } from 'node:worker_threads';
import { quoteInput } from '../echo-input.js';
import { ErrorCodes, FreshetError } from '../errors.js';

export const LOAD_TIMEOUT_ENV = 'FRESHET_CONFIG_LOAD_TIMEOUT_MS';
export const DEFAULT_LOAD_TIMEOUT_MS = 10_000;

/** The time a code config may take to load: `FRESHET_CONFIG_LOAD_TIMEOUT_MS`, else 10 s. */
export function loadTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const value = env[LOAD_TIMEOUT_ENV];
  if (value === undefined || value.trim() === '') return DEFAULT_LOAD_TIMEOUT_MS;
  const ms = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || ms < 1) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `${LOAD_TIMEOUT_ENV}=${quoteInput(value)} is not a time limit; write a whole number of milliseconds of 1 or more, like ${DEFAULT_LOAD_TIMEOUT_MS}, or unset it`,
    );
  }
  return ms;
}

// A config that loops at its top level blocks this thread, and with it every timer and signal
// handler here: only another thread can still end the process. It waits on a shared flag,
// so a config that loads in time costs one short-lived thread and no polling.
const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const { flag, timeoutMs, message } = workerData;
if (Atomics.wait(flag, 0, 0, timeoutMs) === 'timed-out') {
  require('node:fs').writeSync(2, message);
  process.kill(process.pid, 'SIGTERM');
  if (Atomics.wait(flag, 0, 0, 2000) === 'timed-out') process.kill(process.pid, 'SIGKILL');
}
`;

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `load` (the code of a config file) so that it cannot hold the process for ever: after
 * `timeoutMs` a watchdog thread prints `message` to stderr and ends the process; and SIGINT and
 * SIGTERM keep their default meaning, stop now (a handler installed earlier would only run once
 * the load returns, which a loop never does). Handlers are put back afterwards.
 */
export async function guardLoad<T>(load: () => Promise<T>, timeoutMs: number, message: string): Promise<T> {
  // Signals reach only the main thread; elsewhere the process is not ours to end.
  if (!isMainThread) return load();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const watchdog = new Worker(WATCHDOG, { eval: true, workerData: { flag, timeoutMs, message } });
  watchdog.unref();
  const saved = STOP_SIGNALS.map((signal) => [signal, process.rawListeners(signal)] as const);
  for (const signal of STOP_SIGNALS) process.removeAllListeners(signal);
  try {
    return await load();
  } finally {
    for (const [signal, listeners] of saved) {
      for (const listener of listeners) process.on(signal, listener as (...args: unknown[]) => void);
    }
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}
