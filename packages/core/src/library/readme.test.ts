import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../sqlite.js';
import { type CodeBlock, typeErrors, typescriptBlocks } from '../test-support/readme-examples.js';

const coreDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = resolve(coreDir, '../..');
const coreReadme = join(coreDir, 'README.md');
const sourcePackages = ['source-nih', 'source-patentsview', 'source-sam-gov', 'source-usaspending'];

/** Where the main example's NIH source sends its requests: the simulator started below. */
const nihApi = vi.hoisted(() => ({ baseUrl: '' }));

// The example is run exactly as written; only the NIH API it reaches is the simulator's.
vi.mock('@freshet/source-nih', async (importOriginal) => {
  const real = await importOriginal<{ nih(options?: Record<string, unknown>): unknown }>();
  return {
    ...real,
    nih: (options: Record<string, unknown> = {}) => real.nih({ ...options, baseUrl: nihApi.baseUrl }),
  };
});

interface NihSimulatorLike {
  baseUrl: string;
  truthApplIds(criteria: unknown): number[];
  weekCriteria(index: number): unknown;
  close(): Promise<void>;
}

/** The testkit is no dependency of core: the shared vitest aliases resolve it to its sources. */
async function startNihSimulator(options: Record<string, unknown>): Promise<NihSimulatorLike> {
  const testkit = '@freshet/testkit';
  const module = (await import(testkit)) as { startNihSimulator(o: unknown): Promise<NihSimulatorLike> };
  return module.startNihSimulator(options);
}

/** The README's blocks and, from the other READMEs, the blocks that show `runSource`. */
function examples(): CodeBlock[] {
  const others = [
    join(repoRoot, 'README.md'),
    ...sourcePackages.map((name) => join(repoRoot, 'packages', name, 'README.md')),
  ].flatMap((file) => typescriptBlocks(file).filter((block) => block.code.includes('runSource(')));
  return [...typescriptBlocks(coreReadme), ...others];
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'freshet-readme-'));
  // The examples are ES modules, as in a project with "type": "module".
  await writeFile(join(workDir, 'package.json'), '{ "type": "module" }\n');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("core's README", () => {
  it('has the five-line example first, and every other example after it', () => {
    const blocks = typescriptBlocks(coreReadme);
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks[0]?.code).toMatch(/await runSource\(nih\(\), \{ store/);
  });

  it('is the example the root README shows', () => {
    const root = typescriptBlocks(join(repoRoot, 'README.md')).filter((b) => b.code.includes('runSource('));
    expect(root.map((b) => b.code)).toEqual([typescriptBlocks(coreReadme)[0]?.code]);
  });

  it('type-checks every example against the workspace sources', async () => {
    const all = examples();
    const files = await Promise.all(
      all.map(async (block, i) => {
        const path = join(workDir, `example-${i}.ts`);
        await writeFile(path, block.code);
        return { block, path };
      }),
    );
    const paths: Record<string, string[]> = {
      '@freshet/core': ['packages/core/src/index.ts'],
      '@freshet/core/sqlite': ['packages/core/src/sqlite.ts'],
      '@freshet/core/export': ['packages/core/src/export.ts'],
      zod: ['packages/core/node_modules/zod/index.d.ts'],
    };
    for (const name of sourcePackages) paths[`@freshet/${name}`] = [`packages/${name}/src/index.ts`];
    expect(typeErrors(files, { repoRoot, paths })).toEqual([]);
  }, 120_000);

  it('runs the five-line example: it fetches two weeks and reads back what the run changed', async () => {
    const sim = await startNihSimulator({
      startDate: '2025-01-01',
      weeks: 2,
      projectsPerWeek: 40,
      rateLimit: null,
    });
    nihApi.baseUrl = sim.baseUrl;
    const runDir = await mkdtemp(join(tmpdir(), 'freshet-readme-run-'));
    const cwd = process.cwd();
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '));
    });
    try {
      const main = join(runDir, 'main.ts');
      await writeFile(main, typescriptBlocks(coreReadme)[0]!.code);
      process.chdir(runDir);
      await import(/* @vite-ignore */ main);

      const expected = [0, 1].flatMap((week) => sim.truthApplIds(sim.weekCriteria(week)).map(String));
      expect(expected.length).toBeGreaterThan(0);
      expect(lines[0]).toBe(`succeeded: ${expected.length} records written`);
      const readBack = lines.slice(1).map((line) => line.split(' ')[0]);
      expect(readBack).toEqual([...expected].sort());
      expect(lines[1]).toMatch(/^\d+ nih:project_week_2025-W0[12]$/);

      // The example wrote where it said, relative to the working directory.
      const store = await openSqliteStore({ path: join(runDir, 'data', 'freshet.sqlite') });
      expect(await store.countRecords({ source: 'nih' })).toBe(expected.length);
      await store.close();
    } finally {
      process.chdir(cwd);
      log.mockRestore();
      await sim.close();
      await rm(runDir, { recursive: true, force: true });
    }
  }, 60_000);
});
