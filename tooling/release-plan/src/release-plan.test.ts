import { rm } from 'node:fs/promises';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listWorkspacePackages,
  type Manifest,
  readManifest,
  scratchWorkspace,
  versionWith,
  type WorkspacePackage,
} from './scratch-workspace.js';

const CORE = '@freshet/core';
const scratchDirs: string[] = [];
let packages: WorkspacePackage[];
let before: Map<string, Manifest>;

beforeAll(async () => {
  packages = await listWorkspacePackages();
  const dir = await scratchWorkspace(packages);
  scratchDirs.push(dir);
  before = new Map(
    await Promise.all(packages.map(async (pkg) => [pkg.name, await readManifest(dir, pkg)] as const)),
  );
});

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const peerOnCore = (manifest: Manifest) => manifest.peerDependencies?.[CORE];
/**
 * The peer range as pnpm publishes it: `workspace:^` and friends take the version core had then,
 * which is the old one for a package that the release leaves alone.
 */
function publishedRange(range: string, coreVersion: string) {
  const spec = range.replace(/^workspace:/, '');
  if (spec === '*') return coreVersion;
  if (spec === '^' || spec === '~') return `${spec}${coreVersion}`;
  return spec;
}

async function release(bumps: Record<string, 'major' | 'minor' | 'patch'>) {
  const dir = await scratchWorkspace(packages);
  scratchDirs.push(dir);
  await versionWith(dir, bumps);
  return new Map(
    await Promise.all(packages.map(async (pkg) => [pkg.name, await readManifest(dir, pkg)] as const)),
  );
}

describe('changeset version', () => {
  it('releases a core minor without a new version of the sources and the testkit', async () => {
    const dependents = [...before.values()].filter((m) => peerOnCore(m) !== undefined);
    // Guards against a test that passes because nothing takes core as a peer any more.
    expect(dependents.filter((m) => !m.private).map((m) => m.name)).toEqual(
      expect.arrayContaining([
        '@freshet/testkit',
        '@freshet/source-nih',
        '@freshet/source-patentsview',
        '@freshet/source-sam-gov',
        '@freshet/source-usaspending',
      ]),
    );

    const after = await release({ [CORE]: 'minor' });
    const coreBefore = before.get(CORE)!.version!;
    const coreAfter = after.get(CORE)!.version!;
    expect(coreAfter).toBe(semver.inc(coreBefore, 'minor'));

    // One comparison for all dependents, so a failure lists every package that went wrong.
    const outcome = (version: string, range: string) => ({
      version,
      range,
      includesNewCore: semver.satisfies(coreAfter, range),
    });
    const got = Object.fromEntries(
      dependents.map(({ name }) => {
        const manifest = after.get(name)!;
        return [name, outcome(manifest.version!, publishedRange(peerOnCore(manifest)!, coreBefore))];
      }),
    );
    const want = Object.fromEntries(
      dependents.map(({ name, version }) => [name, { ...got[name], version, includesNewCore: true }]),
    );
    expect(got).toEqual(want);
    // Dependents through `dependencies` (the runner) may take a patch, never a major.
    for (const [name, manifest] of after) {
      const old = before.get(name)!.version;
      if (old === undefined || name === CORE) continue;
      expect({ name, major: semver.major(manifest.version!) }).toEqual({ name, major: semver.major(old) });
    }
  }, 60_000);

  it('still releases a new major of every source when core leaves their peer range', async () => {
    const after = await release({ [CORE]: 'major' });
    const coreBefore = before.get(CORE)!.version!;
    const coreAfter = after.get(CORE)!.version!;
    for (const [name, manifest] of before) {
      const range = peerOnCore(manifest);
      if (range === undefined || semver.satisfies(coreAfter, publishedRange(range, coreBefore))) continue;
      expect({ name, version: after.get(name)!.version }).toEqual({
        name,
        version: semver.inc(manifest.version!, 'major'),
      });
    }
  }, 60_000);
});
