import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, freshet, spawnFreshet } from './harness/binary.js';

let dir: string;

beforeAll(() => assertBuilt());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'freshet-e2e-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `freshet --config <file> status` with `file` holding `text`. */
async function statusWith(file: string, text: string, env: Record<string, string> = {}) {
  await writeFile(join(dir, file), text);
  return freshet(['--config', file, 'status'], { cwd: dir, env });
}

describe('freshet (built binary): a config that does not load', () => {
  it('names the file, the line and the syntax error of an .mjs config', async () => {
    const result = await statusWith(
      'freshet.config.mjs',
      'export default {\n  run: { maxParallelPartitions: 2 ,, },\n};\n',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: freshet.config.mjs could not be read: line 2: Unexpected token ',' (a JavaScript syntax error)\n",
    );
  });

  it('names a syntax error Node finds but no line is known for', async () => {
    const result = await statusWith('twice.mjs', 'let a = 1;\nlet a = 2;\nexport default {};\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: twice.mjs could not be read: Identifier 'a' has already been declared (a JavaScript syntax error)\n",
    );
  });

  it('says what a config threw, even when it is not an Error', async () => {
    const thrown = await statusWith('threw.mjs', 'throw "x";\n');
    expect(thrown.code).toBe(2);
    expect(thrown.stderr).toBe('error: threw.mjs could not be read: the file threw "x" while loading\n');
    const ts = await statusWith('threw.ts', 'throw new RangeError("no SAM key");\nexport default {};\n');
    expect(ts.stderr).toBe('error: threw.ts could not be read: RangeError: no SAM key\n');
  });

  it('says a config exports null and what it must export', async () => {
    const result = await statusWith('null.mjs', 'export default null;\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: null.mjs exports null; it must export the configuration object: export default defineConfig({ … })\n',
    );
  });

  it('ends a config that loops for ever after FRESHET_CONFIG_LOAD_TIMEOUT_MS, naming the file', async () => {
    const started = Date.now();
    const result = await statusWith('loop.mjs', 'while (true) {}\nexport default {};\n', {
      FRESHET_CONFIG_LOAD_TIMEOUT_MS: '700',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code === 0).toBe(false);
    expect(result.stderr).toContain(
      'error: loop.mjs did not finish loading within 700 ms, so freshet stopped; look for a loop or a wait that never ends at its top level (or set FRESHET_CONFIG_LOAD_TIMEOUT_MS higher)',
    );
  });

  it('refuses a FRESHET_CONFIG_LOAD_TIMEOUT_MS that is not a time limit', async () => {
    const result = await statusWith('ok.mjs', 'export default {};\n', {
      FRESHET_CONFIG_LOAD_TIMEOUT_MS: 'soon',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FRESHET_CONFIG_LOAD_TIMEOUT_MS="soon" is not a time limit');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops at once on %s while a config loops', async (signal) => {
    await writeFile(
      join(dir, 'spin.mjs'),
      "import { writeSync } from 'node:fs';\nwriteSync(2, 'loading\\n');\nwhile (true) {}\nexport default {};\n",
    );
    const running = spawnFreshet(['--config', 'spin.mjs', 'status'], {
      cwd: dir,
      env: { FRESHET_CONFIG_LOAD_TIMEOUT_MS: '60000' },
    });
    while (!running.output().stderr.includes('loading')) await new Promise((r) => setTimeout(r, 20));
    const sentAt = Date.now();
    running.child.kill(signal);
    const result = await running.done;
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(result.signal).toBe(signal);
  });
});
