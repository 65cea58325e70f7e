import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, shadowPath } from './shadow-path.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the environment without pnpm', () => {
  it('links every command on PATH except pnpm, the first of a name winning', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'freshet-shadow-'));
    dirs.push(scratch);
    const usrBin = join(scratch, 'usr-bin');
    const local = join(scratch, 'local-bin');
    const modules = join(scratch, 'node_modules', '.bin');
    for (const dir of [usrBin, local, modules]) mkdirSync(dir, { recursive: true });
    for (const name of ['node', 'npm', 'pnpm', 'pnpx', 'git']) writeFileSync(join(usrBin, name), '');
    writeFileSync(join(local, 'git'), '');
    writeFileSync(join(modules, 'turbo'), '');
    const into = join(scratch, 'shadow');
    const path = shadowPath([local, usrBin, modules, join(scratch, 'missing')].join(':'), into);
    expect(path).toBe(into);
    for (const name of ['node', 'npm', 'git']) expect(existsSync(join(into, name))).toBe(true);
    for (const name of ['pnpm', 'pnpx', 'turbo']) expect(existsSync(join(into, name))).toBe(false);
    expect(readlinkSync(join(into, 'git'))).toBe(join(local, 'git'));
  });

  it('drops npm and pnpm settings, keeps the rest, and points npm at an empty user config', () => {
    const env = cleanEnv(
      {
        HOME: '/root',
        CI: 'true',
        npm_config_nodedir: '/usr',
        npm_lifecycle_event: 'x',
        PNPM_HOME: '/p',
        PATH: '/usr/bin',
      },
      { path: '/tmp/shadow', npmrc: '/tmp/npmrc' },
    );
    expect(env).toEqual({
      HOME: '/root',
      CI: 'true',
      PATH: '/tmp/shadow',
      npm_config_userconfig: '/tmp/npmrc',
      pnpm_config_side_effects_cache: 'false',
    });
  });
});
