import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTsConfig } from './ts-loader.js';

let dir: string;
let cacheDir: string;
let configFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'freshet-ts-loader-'));
  // The nearest node_modules holds the cache: this project's own, not a shared one.
  await mkdir(path.join(dir, 'node_modules'));
  cacheDir = path.join(dir, 'node_modules', '.cache', 'freshet');
  configFile = path.join(dir, 'config', 'freshet.config.ts');
  await mkdir(path.dirname(configFile));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(text: string): Promise<unknown> {
  await writeFile(configFile, text);
  return loadTsConfig(configFile, text);
}

async function entries(): Promise<string[]> {
  return (await readdir(cacheDir)).filter((name) => name.endsWith('.mjs'));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('loadTsConfig: the compiled-config cache', () => {
  it('keeps one compiled copy per config, and an edit loads the edited code, never the cached one', async () => {
    expect(await load('const n: number = 1;\nexport default { n };\n')).toEqual({ n: 1 });
    expect(await entries()).toHaveLength(1);
    expect(await load('const n: number = 1;\nexport default { n };\n')).toEqual({ n: 1 });

    expect(await load('const n: number = 2;\nexport default { n };\n')).toEqual({ n: 2 });
    // The entry of the old text is gone: the cache does not grow with every edit.
    expect(await entries()).toHaveLength(1);
    expect(await load('const n: number = 1;\nexport default { n };\n')).toEqual({ n: 1 });
  });

  it('loads from an entry that checks out, without compiling again', async () => {
    const text = 'const n: number = 1;\nexport default { n };\n';
    await load(text);
    const [name] = await entries();
    const file = path.join(cacheDir, name ?? '');
    const [header = ''] = (await readFile(file, 'utf8')).split('\n', 1);
    // A consistent entry whose code differs from what compiling gives: only the cache says 99.
    const body = 'export default { n: 99 };\n';
    await writeFile(file, `${header.replace(/[0-9a-f]{64}$/, sha256(body))}\n${body}`);
    expect(await loadTsConfig(configFile, text)).toEqual({ n: 99 });
  });

  it('ignores a corrupt or cut-off entry and writes it again', async () => {
    const text = 'const n: number = 3;\nexport default { n };\n';
    await load(text);
    const [name] = await entries();
    const file = path.join(cacheDir, name ?? '');
    const good = await readFile(file, 'utf8');

    // Same header, different body (a torn write, a bit flip): the hash no longer matches.
    await writeFile(file, `${good.split('\n', 1)[0]}\nexport default { n: 99 };\n`);
    expect(await loadTsConfig(configFile, text)).toEqual({ n: 3 });
    expect(await readFile(file, 'utf8')).toBe(good);

    for (const corrupt of ['', 'garbage', good.slice(0, 40)]) {
      await writeFile(file, corrupt);
      expect(await loadTsConfig(configFile, text)).toEqual({ n: 3 });
      expect(await readFile(file, 'utf8')).toBe(good);
    }
  });

  it('loads without a cache when the entry cannot be read or written', async () => {
    const text = 'const n: number = 4;\nexport default { n };\n';
    await load(text);
    const [name] = await entries();
    const file = path.join(cacheDir, name ?? '');
    await rm(file);
    await mkdir(file); // unreadable as a file, and nothing can be renamed over it
    expect(await loadTsConfig(configFile, text)).toEqual({ n: 4 });
  });

  it('still refuses a config with a syntax error, cached copy or not', async () => {
    await load('export default { n: 1 };\n');
    await expect(load('export default { n: \n')).rejects.toThrow(/line \d+: .*TypeScript syntax error/);
  });
});
