import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE_SRC = fileURLToPath(new URL('../../../../examples/source-sbir/src/', import.meta.url));

/**
 * Installs the SBIR example in `dir` as `pnpm add freshet-source-sbir` would, with the same
 * entries (`freshet-source-sbir` and `freshet-source-sbir/testing`) re-exporting its sources, so
 * no build is needed. The package lives outside `node_modules` (linked in, as a workspace
 * package is), so the tests compile it as they compile the example.
 */
export async function installSbirExample(dir: string): Promise<void> {
  const pkg = join(dir, 'packages', 'freshet-source-sbir');
  await mkdir(pkg, { recursive: true });
  const reexport = (file: string) => {
    const from = JSON.stringify(join(EXAMPLE_SRC, file));
    return `export * from ${from};\nexport { default } from ${from};\n`;
  };
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'freshet-source-sbir',
      type: 'module',
      exports: { '.': './index.js', './testing': './testing.js', './package.json': './package.json' },
    }),
  );
  await writeFile(join(pkg, 'index.js'), reexport('index.ts'));
  await writeFile(join(pkg, 'testing.js'), reexport('testing.ts'));
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(pkg, join(dir, 'node_modules', 'freshet-source-sbir'), 'dir');
}

/**
 * Installs `@acme/source-foo` in `dir`: a source plugin (id `foo`) that publishes no companion,
 * no `./testing` entry.
 */
export async function installSourceWithoutCompanion(dir: string): Promise<void> {
  const pkg = join(dir, 'node_modules', '@acme', 'source-foo');
  await mkdir(pkg, { recursive: true });
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({ name: '@acme/source-foo', type: 'module', exports: { '.': './index.js' } }),
  );
  await writeFile(
    join(pkg, 'index.js'),
    `export default function foo() {
  return {
    id: 'foo',
    cohort: { kind: 'year' },
    quota: { maxConcurrent: 1, requestsPerInterval: 1, intervalMs: 1000, dailyBudget: null, timeoutMs: 1000,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
    sla: '7d',
    options: {},
    listPartitions: async () => [],
    fetchSlice: async () => ({ records: [], cursor: null, done: true }),
    recordKey: (record) => String(record),
  };
}
`,
  );
}

/**
 * A `config/freshet.config.ts` listing the four first-party sources as the default configuration
 * does (PatentsView disabled, as without its key), then `entries`; `imports` go on top.
 */
export async function writeProjectConfig(
  dir: string,
  { imports = '', entries }: { imports?: string; entries: string },
): Promise<void> {
  await mkdir(join(dir, 'config'), { recursive: true });
  await writeFile(
    join(dir, 'config', 'freshet.config.ts'),
    `import { defineConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { patentsview } from '@freshet/source-patentsview';
import { samGov } from '@freshet/source-sam-gov';
import { usaspending } from '@freshet/source-usaspending';
${imports}
export default defineConfig({
  store: { kind: 'sqlite', path: 'data/freshet.sqlite' },
  sources: [
    usaspending(),
    { source: samGov({ apiKey: 'sam-key-for-tests', ueis: ['ABCDEFGHJKL1'] }) },
    nih(),
    { source: patentsview({}), enabled: false },
    ${entries}
  ],
});
`,
  );
}
