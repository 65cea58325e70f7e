import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli } from '../test-support/cli.js';

// A scaffolded plugin, untouched, checked as its author would check it: its conformance suite
// and its typecheck. The packages are not built, so @freshet/* resolve to the workspace sources
// (the repository's shared test config; TypeScript paths), and zod and @types/node are linked.
const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));
const fromWorkspace = createRequire(join(WORKSPACE, 'package.json'));
const packageDir = (name: string) => dirname(fromWorkspace.resolve(`${name}/package.json`));
const run = promisify(execFile);

let temp: string;
let plugin: string;

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'freshet-new-source-'));
  plugin = join(temp, 'freshet-source-acme');
  const made = await cli(['new-source', 'acme', '--dir', plugin], { cwd: temp });
  expect(made.stderr).toBe('');
  await mkdir(join(temp, 'node_modules', '@types'), { recursive: true });
  const zod = dirname(createRequire(import.meta.url).resolve('zod/package.json'));
  await symlink(zod, join(temp, 'node_modules', 'zod'), 'dir');
  await symlink(packageDir('@types/node'), join(temp, 'node_modules', '@types', 'node'), 'dir');
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

it('passes its conformance suite as scaffolded', async () => {
  const config = join(temp, 'vitest.workspace-sources.config.mts');
  await writeFile(
    config,
    `import { sharedTestConfig } from ${JSON.stringify(join(WORKSPACE, 'vitest.shared.ts'))};
export default { ...sharedTestConfig, root: ${JSON.stringify(plugin)}, test: { ...sharedTestConfig.test, include: ['src/**/*.test.ts'] } };
`,
  );
  const vitest = join(packageDir('vitest'), 'vitest.mjs');
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  const result = await run(process.execPath, [vitest, 'run', '--config', config], { cwd: temp, env }).catch(
    (err: { stdout: string; stderr: string }) => err,
  );
  const output = `${result.stdout}\n${result.stderr}`;
  expect(output, output).toMatch(/Tests\s+\S*8 passed/);
  expect(output).not.toMatch(/failed|skipped/);
}, 120_000);

it('typechecks as scaffolded, with its own strict tsconfig', async () => {
  const src = (path: string) => [join(WORKSPACE, 'packages', path)];
  await writeFile(
    join(temp, 'tsconfig.check.json'),
    JSON.stringify({
      extends: './freshet-source-acme/tsconfig.json',
      compilerOptions: {
        noEmit: true,
        rootDir: '/',
        paths: {
          '@freshet/core': src('core/src/index.ts'),
          '@freshet/core/sqlite': src('core/src/sqlite.ts'),
          '@freshet/testkit': src('testkit/src/index.ts'),
          '@freshet/testkit/conformance': src('testkit/src/conformance/index.ts'),
        },
      },
      include: ['freshet-source-acme/src'],
    }),
  );
  const tsc = join(packageDir('typescript'), 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', 'tsconfig.check.json'], { cwd: temp }).catch(
    (err: { stdout: string; stderr: string; code: number }) => err,
  );
  expect(`${result.stdout}${result.stderr}`).toBe('');
}, 120_000);
