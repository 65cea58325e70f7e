import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { say } from './messages.mjs';

/** Where the web UI's browser tests look for Chromium (apps/runner/src/ui/testing/browser.ts). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * @typedef {{ chromium: string, isRoot: boolean, hasAptGet: boolean }} Machine
 * @typedef {{ action: 'none' } | { action: 'install' } | { action: 'notice', message: string }} ChromiumStep
 */

/**
 * What to do about Chromium: nothing when it is there; install it with apt-get where that works
 * without asking (root on a Debian-like machine); otherwise say which command would.
 * @param {Machine} machine
 * @returns {ChromiumStep}
 */
export function chromiumStep({ chromium, isRoot, hasAptGet }) {
  if (existsSync(chromium)) return { action: 'none' };
  if (hasAptGet && isRoot) return { action: 'install' };
  const skipped = `${chromium} is missing, so the web UI's browser tests will be skipped (with CI=true they fail)`;
  if (hasAptGet)
    return { action: 'notice', message: `${skipped}; install it with: sudo apt-get install -y chromium` };
  return { action: 'notice', message: `${skipped}; install Chromium so that it runs as ${chromium}` };
}

/** @returns {Machine} */
export function thisMachine() {
  return {
    chromium: CHROMIUM,
    isRoot: process.getuid?.() === 0,
    hasAptGet: process.platform === 'linux' && existsSync('/usr/bin/apt-get'),
  };
}

/**
 * Installs Debian's Chromium when needed and possible; playwright-core drives it and never
 * downloads a browser of its own. A failed install is a notice, not an error: the other tests
 * still run, and the browser tests say why they skip.
 * @param {NodeJS.ProcessEnv} env
 */
export function ensureChromium(env) {
  const step = chromiumStep(thisMachine());
  if (step.action === 'none') return;
  if (step.action === 'notice') {
    say(step.message);
    return;
  }
  say(`${CHROMIUM} is missing; installing Debian's chromium with apt-get (once, about a minute)`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  /** @type {import('node:child_process').SpawnSyncOptions} */
  const quiet = { env: aptEnv, stdio: ['ignore', 'ignore', 'inherit'] };
  const updated = spawnSync('apt-get', ['update', '-qq'], quiet);
  const installed =
    updated.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], quiet).status === 0;
  if (!installed || !existsSync(CHROMIUM)) {
    say(
      `could not install chromium with apt-get (messages above); the browser tests will be skipped. Try: apt-get update && apt-get install -y chromium`,
    );
  }
}
