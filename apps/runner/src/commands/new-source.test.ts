import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../test-support/cli.js';
import { freshetVersions } from './new-source-files.js';
import { sourceNames } from './source-names.js';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'freshet-new-source-cmd-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('sourceNames', () => {
  it('derives the id, factory, type, constant and package names from one name', () => {
    expect(sourceNames('acme-grants')).toEqual({
      id: 'acme_grants',
      camel: 'acmeGrants',
      pascal: 'AcmeGrants',
      constant: 'ACME_GRANTS',
      packageName: 'freshet-source-acme-grants',
    });
    expect(sourceNames('acme', '@acme/source-grants').packageName).toBe('@acme/source-grants');
  });

  it.each([
    ['Acme', /"Acme" is not a source name: use lower-case letters/],
    ['acme--grants', /is not a source name/],
    ['9acme', /is not a source name/],
    ['freshet-source-acme', /is a package name; give the source's short name, like "acme"/],
    ['@acme/source-grants', /is a package name; give the source's short name, like "grants"/],
    ['a'.repeat(33), /is 33 characters; a source id has at most 32/],
    ['delete', /is a JavaScript keyword/],
  ])('refuses %j with a message naming the fix', (name, message) => {
    expect(() => sourceNames(name)).toThrow(message);
  });

  it('refuses a --package that npm would refuse', () => {
    expect(() => sourceNames('acme', 'Acme Source')).toThrow(
      /--package "Acme Source" is not an npm package name/,
    );
  });
});

describe('freshet new-source', () => {
  it('writes the package into ./<name>, depending on the Freshet versions it runs with', async () => {
    const result = await cli(['new-source', 'acme-grants'], { cwd: temp });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Wrote freshet-source-acme-grants in acme-grants/: source id acme_grants',
    );
    const dir = join(temp, 'acme-grants');
    for (const file of ['.gitignore', 'README.md', 'tsconfig.json', 'tsup.config.ts', 'vitest.config.ts']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const { core, testkit } = freshetVersions();
    expect(pkg).toMatchObject({
      name: 'freshet-source-acme-grants',
      peerDependencies: { '@freshet/core': `>=${core} <1.0.0` },
      devDependencies: { '@freshet/core': `^${core}`, '@freshet/testkit': `^${testkit}` },
    });
    const source = await readFile(join(dir, 'src', 'source.ts'), 'utf8');
    expect(source).toContain("export const SOURCE_ID = 'acme_grants';");
    expect(source).toContain('export function acmeGrants(input: AcmeGrantsOptionsInput = {})');
    for (const file of [
      'package.json',
      'README.md',
      'src/source.ts',
      'src/testing.ts',
      'src/conformance.test.ts',
    ]) {
      expect(await readFile(join(dir, file), 'utf8'), `${file} keeps a placeholder`).not.toMatch(/__\w+__/);
    }
  });

  it('refuses a folder that is not empty, and writes nothing', async () => {
    await mkdir(join(temp, 'acme'));
    await writeFile(join(temp, 'acme', 'notes.txt'), 'mine');
    const result = await cli(['new-source', 'acme'], { cwd: temp });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: acme/ already exists and is not empty; new-source writes only into a new or empty folder: pass --dir <new folder>\n',
    );
    expect(existsSync(join(temp, 'acme', 'package.json'))).toBe(false);
  });

  it('refuses a bad name with exit code 2', async () => {
    const result = await cli(['new-source', 'Acme'], { cwd: temp });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: "Acme" is not a source name/);
  });
});
