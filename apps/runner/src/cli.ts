#!/usr/bin/env node
import { setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline/promises';
import { allowConfigsToImportFreshet } from './config/workspace-imports.js';
import { runCli } from './program.js';

// `freshet runs list | head -1`: the reader of stdout left, so the output is no longer wanted;
// end quietly, not with an EPIPE stack trace. Without a reader of stderr the command still
// finishes (and exits with its own code), unheard. Any other stream error is a crash to see.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});
process.stderr.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
});

const stop = new AbortController();
const abort = new AbortController();
// What the first signal does, as the command about to run says (run: finish the slices in
// flight; sim: stop the simulators). null: nothing to wait for, the signal ends the process.
let stopNotice: string | null = null;
// Every request of every partition in flight listens on these: dozens of listeners are normal.
setMaxListeners(0, stop.signal, abort.signal);
// SIGTERM (a supervisor stopping the daemon) means what Ctrl-C means.
const onSignal = (signal: NodeJS.Signals) => {
  if (stopNotice === null) {
    // The signal's default meaning, as without a handler: `freshet status` on an unreachable
    // store, or `freshet store copy` (which goes on where it stopped when run again), ends now.
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.kill(process.pid, signal);
    return;
  }
  if (!stop.signal.aborted) {
    process.stderr.write(`\n${stopNotice}\n`);
    stop.abort();
  } else {
    abort.abort();
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const exitCode = await runCli(process.argv.slice(2), {
  io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
  env: process.env,
  cwd: process.cwd(),
  signals: { stop: stop.signal, abort: abort.signal },
  setStopNotice(notice) {
    stopNotice = notice;
  },
  beforeConfigLoad: allowConfigsToImportFreshet,
  async confirm(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  },
});
process.exitCode = exitCode;
// A second signal means now: sockets and timers of the aborted work must not hold the process.
if (abort.signal.aborted) process.exit(exitCode);
