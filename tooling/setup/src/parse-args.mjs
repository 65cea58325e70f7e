import { SetupError } from './messages.mjs';

const USAGE = 'usage: node tooling/setup/src/run.mjs [--chromium] [--services] <root script> [args...]';

/**
 * The set-up flags come before the script's name; everything after the name is the script's own.
 * @param {string[]} argv
 * @returns {{ chromium: boolean, services: boolean, script: string, args: string[] }}
 */
export function parseSetupArgs(argv) {
  const options = { chromium: false, services: false };
  let at = 0;
  for (; at < argv.length && argv[at]?.startsWith('--'); at += 1) {
    const flag = argv[at];
    if (flag === '--chromium') options.chromium = true;
    else if (flag === '--services') options.services = true;
    else throw new SetupError(`unknown set-up option ${flag}; ${USAGE}`);
  }
  const script = argv[at];
  if (!script) throw new SetupError(`no script to run after set-up; ${USAGE}`);
  // `pnpm start -- --reset` passes the `--` on; npm drops it, and so does this, so both reach the
  // script as `--reset`.
  const args = argv.slice(at + 1);
  return { ...options, script, args: args[0] === '--' ? args.slice(1) : args };
}
