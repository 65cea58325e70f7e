import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorText, isFreshetError } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextSlot } from './companions.js';
import { companionsFor, packagesNamedIn } from './configured-companions.js';

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'freshet-configured-'));
  configFile = join(dir, 'config', 'freshet.config.json');
  await mkdir(join(dir, 'config'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const companionModule = (sourceId: string) => `
const fn = () => {};
export const companion = {
  sourceId: '${sourceId}',
  source: { package: '@acme/source-${sourceId}', factory: 'make' },
  sim: { start: fn, options: fn, describe: fn },
  sandbox: { start: fn, options: fn },
};
`;

/** `node_modules/<name>`, with a `./testing` entry exporting a companion for `testing` when given. */
async function installPackage(name: string, testing?: string): Promise<void> {
  const pkg = join(dir, 'node_modules', ...name.split('/'));
  await mkdir(pkg, { recursive: true });
  const exports = testing ? { '.': './index.mjs', './testing': './testing.mjs' } : { '.': './index.mjs' };
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name, type: 'module', exports }));
  await writeFile(join(pkg, 'index.mjs'), 'export default () => ({});\n');
  if (testing) await writeFile(join(pkg, 'testing.mjs'), companionModule(testing));
}

const listed = (list: Awaited<ReturnType<typeof companionsFor>>) =>
  list.map((c) => [c.companion.sourceId, c.slot, c.from === null ? 'first-party' : c.from.split('/').at(-1)]);

describe('the packages a configuration names', () => {
  it('are its `use` entries and a code config’s imports, less Freshet’s own, Node’s and paths', () => {
    const ts = `import { defineConfig } from '@freshet/core';
import { readFileSync } from 'node:fs';
import path from "path";
import { sbir } from 'freshet-source-sbir';
import { thing } from '@acme/source-thing/sub';
import local from './plugins/local.mjs';
const lazy = await import('lazy-source');
export default defineConfig({ sources: [sbir(), { use: '@acme/source-bar', options: {} }, { use: './x.mjs' }] });`;
    expect(packagesNamedIn(ts)).toEqual([
      'freshet-source-sbir',
      '@acme/source-thing',
      'lazy-source',
      '@acme/source-bar',
    ]);
    expect(
      packagesNamedIn(
        JSON.stringify({ sources: [{ use: 'freshet-source-sbir' }, { use: '@freshet/source-nih' }] }),
      ),
    ).toEqual(['freshet-source-sbir']);
    expect(
      packagesNamedIn('sources:\n  - use: freshet-source-sbir\n  - { use: "@acme/source-bar" } # two\n'),
    ).toEqual(['freshet-source-sbir', '@acme/source-bar']);
  });
});

describe('companionsFor', () => {
  it('without a configuration: the first-party companions, on their slots', async () => {
    const list = await companionsFor(null, [], dir);
    expect(listed(list)).toEqual([
      ['nih', 0, 'first-party'],
      ['sam_gov', 1, 'first-party'],
      ['usaspending', 2, 'first-party'],
      ['patentsview', 3, 'first-party'],
    ]);
    expect(nextSlot(list)).toBe(4);
  });

  it('with one: a companion per configured source, from <package>/testing or first-party, the first-party on their slots', async () => {
    await installPackage('@acme/source-foo', 'foo');
    await installPackage('@acme/source-bar', 'bar');
    await writeFile(
      configFile,
      JSON.stringify({
        sources: [
          { use: '@acme/source-bar' },
          { use: '@freshet/source-usaspending' },
          { use: '@acme/source-foo' },
        ],
      }),
    );
    const list = await companionsFor({ sourceIds: ['bar', 'usaspending', 'foo'], configFile }, [], dir);
    expect(listed(list)).toEqual([
      ['usaspending', 2, 'first-party'],
      ['bar', 4, 'testing.mjs'],
      ['foo', 5, 'testing.mjs'],
    ]);
    expect(list.find((c) => c.companion.sourceId === 'foo')?.from).toContain('/@acme/source-foo/testing.mjs');
    expect(nextSlot(list)).toBe(6);
  });

  it('simulates a first-party source the configuration imports but leaves out (SAM.gov without a key)', async () => {
    const tsConfig = join(dir, 'config', 'freshet.config.ts');
    await writeFile(
      tsConfig,
      `import { nih } from '@freshet/source-nih';
import { samGov } from '@freshet/source-sam-gov';
const key = process.env.SAM_GOV_API_KEY;
export default { sources: [nih(), ...(key ? [samGov({ apiKey: key })] : [])] };
`,
    );
    const list = await companionsFor({ sourceIds: ['nih'], configFile: tsConfig }, [], dir);
    expect(listed(list).map(([id]) => id)).toEqual(['nih', 'sam_gov']);
  });

  it('takes --companion first for a configured source, and adds those of sources not configured', async () => {
    await installPackage('@acme/source-foo', 'foo');
    await writeFile(configFile, JSON.stringify({ sources: [{ use: '@acme/source-foo' }] }));
    await writeFile(join(dir, 'foo.mjs'), companionModule('foo'));
    await writeFile(join(dir, 'nih.mjs'), companionModule('nih'));
    await writeFile(join(dir, 'extra.mjs'), companionModule('extra'));
    const list = await companionsFor(
      { sourceIds: ['nih', 'foo'], configFile },
      ['./foo.mjs', './nih.mjs', './extra.mjs'],
      dir,
    );
    expect(listed(list)).toEqual([
      ['nih', 0, 'nih.mjs'],
      ['foo', 4, 'foo.mjs'],
      ['extra', 5, 'extra.mjs'],
    ]);
  });

  it('refuses a configured source without a companion, naming it, where it looked and the fix', async () => {
    await installPackage('@acme/source-foo');
    await installPackage('@acme/source-bar', 'bar');
    await writeFile(
      configFile,
      JSON.stringify({
        sources: [{ use: '@acme/source-foo' }, { use: '@acme/source-bar' }, { use: 'not-installed' }],
      }),
    );
    const err = await companionsFor({ sourceIds: ['foo', 'bar'], configFile }, [], dir).catch(
      (e: unknown) => e,
    );
    expect(isFreshetError(err, 'CONFIG_INVALID')).toBe(true);
    const lines = errorText(err).split('\n');
    expect(lines[0]).toBe(
      'no simulator companion for source "foo" of config/freshet.config.json; freshet sim and the sandbox simulate a source only through its companion. Looked in:',
    );
    expect(lines.slice(1, 6)).toEqual([
      '  @acme/source-foo/testing: @acme/source-foo exports no "./testing"',
      '  @acme/source-bar/testing: companions for bar only',
      `  not-installed/testing: not found from ${join(dir, 'config')}`,
      '  the first-party companions (@freshet/testkit): companions for nih, sam_gov, usaspending, patentsview only',
      '  --companion: none given',
    ]);
    // Two packages gave none: which is foo's is not known.
    expect(lines[6]).toMatch(
      /^Fix: publish <the source's package>\/testing exporting a companion made by defineCompanion from @freshet\/testkit .*, or pass --companion <module> naming one\.$/,
    );
  });

  it('refuses a module found at <package>/testing that is not a companion, saying so', async () => {
    await installPackage('@acme/source-foo', 'foo');
    await writeFile(join(dir, 'node_modules', '@acme', 'source-foo', 'testing.mjs'), 'export default 42;\n');
    await writeFile(configFile, JSON.stringify({ sources: [{ use: '@acme/source-foo' }] }));
    const err = await companionsFor({ sourceIds: ['foo'], configFile }, [], dir).catch((e: unknown) => e);
    expect((err as Error).message).toContain(
      '  @acme/source-foo/testing: companion "@acme/source-foo/testing" exports no companion (a default export made by defineCompanion)',
    );
    expect((err as Error).message).toContain('Fix: publish @acme/source-foo/testing exporting a companion');
  });
});
