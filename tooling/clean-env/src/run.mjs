#!/usr/bin/env node
// The clean-environment check: runs the README's two set-up commands (main job, then tests) as a new
// user would, with no pnpm on PATH and no npm_config_nodedir, and checks what they print.
//
//   node tooling/clean-env/src/run.mjs           in this checkout (CI's fresh clone)
//   node tooling/clean-env/src/run.mjs --clone   in a fresh git clone of this checkout's HEAD
//   node tooling/clean-env/src/run.mjs --copy    in a copy of the working tree, uncommitted files included
//   --keep keeps the temporary clone or copy.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closingCounts, mainJobProblem } from './output-checks.mjs';
import { readmeCommands } from './readme-commands.mjs';
import { cleanEnv, shadowPath } from './shadow-path.mjs';
import { cloneCommitted, copyWorkingTree } from './workspace-copy.mjs';

const say = (/** @type {string} */ message) => console.log(`[freshet] [clean-env] ${message}`);
const TAIL_CHARS = 256 * 1024;

/**
 * Runs a shell command, showing its output as it comes and keeping the end of it.
 * @param {string} command
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(command, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (/** @type {Buffer} */ chunk, /** @type {NodeJS.WriteStream} */ to) => {
      to.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-TAIL_CHARS);
    };
    child.stdout.on('data', (chunk) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main() {
  const args = new Set(process.argv.slice(2));
  for (const arg of args) {
    if (!['--clone', '--copy', '--keep'].includes(arg)) {
      throw new Error(`unknown option ${arg}; use --clone, --copy and/or --keep`);
    }
  }
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const scratch = mkdtempSync(join(tmpdir(), 'freshet-clean-env-'));
  // apt-get runs its helpers (gpgv) as the `_apt` user, which must be able to reach the PATH folder.
  chmodSync(scratch, 0o755);
  let dir = repo;
  if (args.has('--clone') || args.has('--copy')) {
    dir = join(scratch, 'freshet');
    say(`${args.has('--clone') ? 'cloning HEAD' : 'copying the working tree'} into ${dir}`);
    if (args.has('--clone')) cloneCommitted(repo, dir);
    else copyWorkingTree(repo, dir);
  }
  const npmrc = join(scratch, 'npmrc');
  writeFileSync(npmrc, '');
  const env = cleanEnv(process.env, { path: shadowPath(process.env.PATH, join(scratch, 'bin')), npmrc });
  const { mainJob, test } = readmeCommands(readFileSync(join(dir, 'README.md'), 'utf8'));
  let passed = false;
  try {
    say(`PATH without pnpm, no npm_config_nodedir; the main job: ${mainJob}`);
    const job = await run(mainJob, dir, env);
    const jobProblem = job.code !== 0 ? `exited with code ${job.code}` : mainJobProblem(job.output);
    if (jobProblem) throw new Error(`the main job (${mainJob}) ${jobProblem}`);
    say(`the main job ended with its per-source table; the tests: ${test}`);
    const tests = await run(test, dir, env);
    const counts = closingCounts(tests.output);
    if (!counts)
      throw new Error(`the test command (${test}) did not end with "N passed, N failed, N skipped"`);
    if (tests.code !== 0 || counts.failed > 0) {
      throw new Error(`the test command (${test}) failed (exit code ${tests.code}): ${counts.line}`);
    }
    say(`both README commands work on a fresh clone; ${test} ends with:`);
    console.log(counts.line);
    passed = true;
  } finally {
    if (dir !== repo && (!passed || args.has('--keep'))) say(`kept ${scratch} to look into`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
