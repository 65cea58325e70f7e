import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installDependenciesIfNeeded, installFingerprint, workspacePackageDirs } from './dependencies.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'freshet-deps-'));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), '{}');
  writeFileSync(join(root, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n');
  writeFileSync(
    join(root, 'pnpm-workspace.yaml'),
    "packages:\n  - packages/*\n  - 'bench'\n\nallowBuilds:\n  x: true\n",
  );
  for (const dir of ['packages/core', 'packages/source-nih', 'bench']) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), `{"name":"${dir}"}`);
  }
  mkdirSync(join(root, 'packages', 'no-manifest'));
  return root;
}

describe('the dependencies step', () => {
  it("lists the workspace's packages from pnpm-workspace.yaml", () => {
    const root = workspace();
    expect(workspacePackageDirs(root)).toEqual(
      ['bench', 'packages/core', 'packages/source-nih'].map((dir) => join(root, dir)),
    );
  });

  it('fingerprints the lockfile, every manifest and the pnpm version', () => {
    const root = workspace();
    const first = installFingerprint(root, '12.4.2');
    expect(installFingerprint(root, '12.4.2')).toBe(first);
    expect(installFingerprint(root, '12.5.0')).not.toBe(first);
    writeFileSync(
      join(root, 'packages', 'core', 'package.json'),
      '{"name":"core","dependencies":{"zod":"4"}}',
    );
    const afterManifest = installFingerprint(root, '12.4.2');
    expect(afterManifest).not.toBe(first);
    writeFileSync(join(root, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\nimporters: {}\n');
    expect(installFingerprint(root, '12.4.2')).not.toBe(afterManifest);
  });

  it('does not run pnpm when the last install had the same fingerprint', () => {
    const root = workspace();
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(
      join(root, 'node_modules', '.freshet-setup-stamp'),
      `${installFingerprint(root, '12.4.2')}\n`,
    );
    // With an empty PATH a pnpm run would fail, so returning false means it was not tried.
    expect(installDependenciesIfNeeded({ root, pnpmVersion: '12.4.2', env: { PATH: '' } })).toBe(false);
  });

  it('runs pnpm install when the fingerprint changed, and names the failure', () => {
    const root = workspace();
    const said = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    expect(() => installDependenciesIfNeeded({ root, pnpmVersion: '12.4.2', env: { PATH: '' } })).toThrow(
      /pnpm install --frozen-lockfile failed \(spawnSync pnpm ENOENT\)/,
    );
    expect(said).toHaveBeenCalledWith(
      '[freshet] [setup] installing dependencies: pnpm install --frozen-lockfile\n',
    );
    said.mockRestore();
  });
});
