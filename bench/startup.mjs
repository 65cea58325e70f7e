// CLI start-up: `freshet --help` (node apps/runner/dist/cli.js --help) from spawn to exit, the
// time every command pays before it does anything. One warm-up, then the median of the rest.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { assertCliBuilt, CLI_PATH } from './workspace.mjs';

const ROUNDS = 15;

function timeHelp() {
  const started = performance.now();
  const child = spawnSync(process.execPath, [CLI_PATH, '--help'], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH, HOME: tmpdir() },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`freshet --help exited ${child.status}: ${child.stderr}`);
  return ms;
}

/** Bare `node -e ''`: the floor no CLI written for Node can go under. */
function timeBareNode() {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', ''], { env: { PATH: process.env.PATH } });
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchStartup() {
  assertCliBuilt();
  timeHelp(); // warm-up: the page cache
  const help = Array.from({ length: ROUNDS }, timeHelp);
  const bare = Array.from({ length: ROUNDS }, timeBareNode);
  const ms = median(help);
  return {
    name: 'startup',
    setup: { rounds: ROUNDS, command: 'node apps/runner/dist/cli.js --help' },
    helpMedianMs: Math.round(ms),
    bareNodeMedianMs: Math.round(median(bare)),
    target: '< 300 ms',
    met: ms < 300,
    samples: { helpMs: help.map(Math.round), bareNodeMs: bare.map(Math.round) },
  };
}
