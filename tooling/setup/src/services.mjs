import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { say } from './messages.mjs';

/** The services some tests talk to over a real connection (they fail, never skip, without them). */
export const TEST_SERVICES = [
  {
    name: 'PostgreSQL',
    port: 5432,
    need: 'PostgreSQL 15 with a database `test` and trust auth for 127.0.0.1',
  },
  { name: 'Redis', port: 6379, need: 'Redis 7' },
];

/**
 * Whether something accepts TCP connections on 127.0.0.1:port.
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export function answers(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (/** @type {boolean} */ up) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Checks the test services and, when one is down, starts it with `.ci/services` (this project's
 * machines' own start commands). What still does not answer is named with what to start.
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env
 */
export async function ensureTestServices(root, env) {
  const down = async () => {
    const states = await Promise.all(TEST_SERVICES.map(async (s) => ({ ...s, up: await answers(s.port) })));
    return states.filter((s) => !s.up);
  };
  let missing = await down();
  if (missing.length === 0) return;
  const script = join(root, '.ci', 'services');
  if (process.platform !== 'win32' && existsSync(script)) {
    say(`${missing.map((s) => s.name).join(' and ')} not answering; starting with .ci/services`);
    spawnSync('bash', [script], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    missing = await down();
  }
  for (const s of missing) {
    say(`${s.name} does not answer on 127.0.0.1:${s.port}, so its tests will fail; start ${s.need}`);
  }
}
