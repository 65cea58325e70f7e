import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOrInstallPnpm, localPnpmPrefix, pinnedPnpmVersion } from './pinned-pnpm.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function repoWith(packageManager: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'freshet-setup-'));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ packageManager }));
  return root;
}

describe('the pinned pnpm', () => {
  it('is read from packageManager, with an integrity suffix ignored', () => {
    expect(pinnedPnpmVersion(repoWith('pnpm@12.4.2'))).toBe('12.4.2');
    expect(pinnedPnpmVersion(repoWith('pnpm@9.1.0+sha512.abc'))).toBe('9.1.0');
  });

  it('names the fix when packageManager is missing or not pnpm', () => {
    expect(() => pinnedPnpmVersion(repoWith(undefined))).toThrow(/no "packageManager": "pnpm@<version>"/);
    expect(() => pinnedPnpmVersion(repoWith('yarn@4.0.0'))).toThrow(/found "yarn@4.0.0"/);
  });

  it('needs no PATH change when the pinned pnpm started the script', () => {
    const root = repoWith('pnpm@12.4.2');
    const env = { npm_config_user_agent: 'pnpm/12.4.2 npm/? node/v20.20.2 linux x64', PATH: '' };
    expect(findOrInstallPnpm({ root, version: '12.4.2', env })).toBeUndefined();
  });

  it("uses the repository's own copy before looking at PATH or installing", () => {
    const root = repoWith('pnpm@12.4.2');
    const bin = join(localPnpmPrefix(root, '12.4.2'), 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'pnpm'), '#!/bin/sh\n');
    chmodSync(join(bin, 'pnpm'), 0o755);
    // PATH is empty: a look-up on PATH or an npm install would not find this folder.
    const env = { npm_config_user_agent: 'npm/11.0.0 node/v20.20.2 linux x64', PATH: '' };
    expect(findOrInstallPnpm({ root, version: '12.4.2', env })).toBe(bin);
  });

  it('keeps one folder per version, so a version bump brings the new pnpm', () => {
    expect(localPnpmPrefix('/repo', '12.4.2')).toBe('/repo/.tools/pnpm-12.4.2');
    expect(localPnpmPrefix('/repo', '12.5.0')).not.toBe(localPnpmPrefix('/repo', '12.4.2'));
  });
});
