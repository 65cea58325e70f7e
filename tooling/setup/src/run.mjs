#!/usr/bin/env node
// The set-up step of the root `start` and `test` scripts, so that `npm start` and `npm test` work on a
// machine with only Node.js and npm: the pinned pnpm, Node's headers for the native SQLite module,
// the dependencies, and for tests Chromium and the services. Then it runs the given root script with
// that pnpm first on PATH (turbo and the scripts call pnpm).
//
//   node tooling/setup/src/run.mjs [--chromium] [--services] <root script> [args for it...]
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { delimiter, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { installDependenciesIfNeeded } from './dependencies.mjs';
import { SetupError, say } from './messages.mjs';
import { withNodeHeaders } from './node-headers.mjs';
import { parseSetupArgs } from './parse-args.mjs';
import { findOrInstallPnpm, pinnedPnpmVersion } from './pinned-pnpm.mjs';
import { ensureTestServices } from './services.mjs';

const root = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

async function main() {
  const options = parseSetupArgs(process.argv.slice(2));
  const version = pinnedPnpmVersion(root);
  let env = { ...process.env };
  const pnpmBin = findOrInstallPnpm({ root, version, env });
  if (pnpmBin) env.PATH = `${pnpmBin}${delimiter}${env.PATH ?? ''}`;
  const headers = withNodeHeaders(env, process.execPath);
  env = headers.env;
  try {
    installDependenciesIfNeeded({ root, pnpmVersion: version, env });
  } catch (error) {
    if (headers.notice) say(headers.notice);
    throw error;
  }
  if (options.chromium) ensureChromium(env);
  if (options.services) await ensureTestServices(root, env);
  return runScript(options.script, options.args, env);
}

/**
 * @param {string} script
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
function runScript(script, args, env) {
  const child = spawn('pnpm', ['run', '--silent', script, ...args], { cwd: root, env, stdio: 'inherit' });
  // Ctrl-C reaches the whole process group; a SIGTERM sent to this process alone is passed on.
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', () => {});
  return new Promise((done) => {
    child.on('error', (error) => {
      say(`could not start pnpm (${error.message}); run npm start again to reinstall it`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (!(error instanceof SetupError)) throw error;
    say(`error: ${error.message}`);
    process.exit(1);
  },
);
