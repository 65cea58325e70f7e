// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${VAR} references on purpose.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, type FreshetError, isFreshetError } from '../errors.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { loadConfig } from './load.js';

const dir = tempDirPerTest('freshet-config-');

async function write(relative: string, text: string): Promise<void> {
  const file = path.join(dir(), relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

async function loadError(options: Parameters<typeof loadConfig>[0] = {}): Promise<FreshetError> {
  try {
    await loadConfig({ cwd: dir(), env: {}, ...options });
  } catch (err) {
    if (isFreshetError(err, ErrorCodes.CONFIG_INVALID)) return err;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

/** A plugin module whose factory makes a Source-shaped object; the id comes from options. */
const PLUGIN = `
export default function createFoo(options = {}) {
  if (options.fail) throw new Error('bad apiKey ' + options.apiKey);
  return {
    id: options.id ?? 'foo',
    cohort: { kind: 'batch', prefix: 'foo_batch', example: 'foo_batch_0001', exampleValue: '0001',
      parse() {}, parseValue() {}, fromOrdinal() {}, parseRange() { return []; } },
    quota: { maxConcurrent: 1, requestsPerInterval: 5, intervalMs: 1000, dailyBudget: null, timeoutMs: 1000,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 } },
    sla: '7d',
    options,
    listPartitions: async () => [],
    fetchSlice: async () => ({ records: [], cursor: null, done: true }),
    recordKey: (record) => record.id,
  };
}
`;

describe('loadConfig: finding and reading files', () => {
  it('loads config/freshet.config.json, interpolating env with and without defaults', async () => {
    await write(
      'config/freshet.config.json',
      JSON.stringify({
        schedule: { cron: '${FRESHET_CRON:-0 3 * * *}', timezone: '${FRESHET_TZ}' },
        sensor: { upstreamAssets: ['bulk_${ASSET:-awards}'] },
      }),
    );
    const { config, filepath } = await loadConfig({ cwd: dir(), env: { FRESHET_TZ: 'America/New_York' } });
    expect(filepath).toBe(path.join(dir(), 'config/freshet.config.json'));
    expect(config.schedule).toEqual({ cron: '0 3 * * *', timezone: 'America/New_York' });
    expect(config.sensor.upstreamAssets).toEqual(['bulk_awards']);
    expect(config.store).toMatchObject({ kind: 'sqlite', path: path.join(dir(), 'data/freshet.sqlite') });
    expect(config.rootDir).toBe(dir());
  });

  it('loads freshet.config.yaml at the root', async () => {
    await write(
      'freshet.config.yaml',
      ['schedule:', '  cron: "30 1 * * 1-5"', 'run:', '  maxParallelPartitions: ${PARALLEL:-2}', ''].join(
        '\n',
      ),
    );
    const { config, filepath } = await loadConfig({ cwd: dir(), env: {} });
    expect(filepath).toBe(path.join(dir(), 'freshet.config.yaml'));
    expect(config.schedule.cron).toBe('30 1 * * 1-5');
    // Interpolation yields the text "2"; a number setting takes it as the number.
    expect(config.run.maxParallelPartitions).toBe(2);
  });

  it('loads a TypeScript config with a Source made in code, and does not interpolate it', async () => {
    await write(
      'config/freshet.config.ts',
      `
      interface Cohortless { kind: 'batch'; prefix: string }
      const cohort: Cohortless = { kind: 'batch', prefix: 'b' };
      const source = {
        id: 'inline', cohort, sla: '1d', options: {},
        quota: { maxConcurrent: 1, requestsPerInterval: 1, intervalMs: 1000, dailyBudget: null, timeoutMs: 1000,
          retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
        listPartitions: async (): Promise<never[]> => [],
        fetchSlice: async () => ({ records: [], cursor: null, done: true }),
        recordKey: (record: { id: string }): string => record.id,
      };
      export default {
        state: { path: '\${NOT_INTERPOLATED}.json' },
        sources: [{ source, sla: '12h' }],
      };
      `,
    );
    const { config } = await loadConfig({ cwd: dir(), env: {} });
    expect(config.state.path).toBe(path.join(dir(), '${NOT_INTERPOLATED}.json'));
    expect(config.sources.map(({ source, slaMs }) => [source.id, slaMs])).toEqual([
      ['inline', 12 * 3_600_000],
    ]);
  });

  it('prefers config/ over the root, and loads an explicit configPath instead of searching', async () => {
    await write('config/freshet.config.json', '{ "run": { "maxParallelPartitions": 1 } }');
    await write('freshet.config.json', '{ "run": { "maxParallelPartitions": 2 } }');
    await write('other/custom.yml', 'run:\n  maxParallelPartitions: 3\n');
    expect((await loadConfig({ cwd: dir(), env: {} })).config.run.maxParallelPartitions).toBe(1);
    const explicit = await loadConfig({ cwd: dir(), env: {}, configPath: 'other/custom.yml' });
    expect(explicit.config.run.maxParallelPartitions).toBe(3);
    expect(explicit.config.rootDir).toBe(path.join(dir(), 'other'));
  });

  it('says where it looked and how to create a config when there is none', async () => {
    const err = await loadError();
    expect(err.message).toContain(
      `no Freshet configuration in ${dir()}; looked for config/freshet.config.ts,`,
    );
    expect(err.message).toContain('freshet.config.yml.');
    expect(err.message).toContain('Create config/freshet.config.ts:');
    expect(err.message).toContain('export default defineConfig(');
  });

  it('names a configPath that does not exist, an empty file, a missing default export and bad JSON', async () => {
    expect((await loadError({ configPath: 'nope.json' })).message).toBe(
      `[freshet] config file ${path.join(dir(), 'nope.json')} does not exist`,
    );
    await write('empty.yaml', '');
    expect((await loadError({ configPath: 'empty.yaml' })).message).toBe(
      '[freshet] empty.yaml is empty; write an object, at least {}',
    );
    await write('named.mjs', 'export const config = {};');
    expect((await loadError({ configPath: 'named.mjs' })).message).toContain(
      'named.mjs has no default export; end it with export default defineConfig({ … })',
    );
    await write('config/freshet.config.json', '{ "run": ');
    expect((await loadError()).message).toContain(
      `${path.join('config', 'freshet.config.json')} could not be read: JSON Error`,
    );
  });

  it('refuses a TypeScript config cut off mid-way instead of loading it as empty', async () => {
    await write('cut.ts', 'export default {\n  run: { maxParallelPartitions: 2 },\n  sources: [\n');
    const message = (await loadError({ configPath: 'cut.ts' })).message;
    expect(message).toMatch(/cut\.ts could not be read: line \d+: .* \(a TypeScript syntax error\)/);
  });
});

describe('loadConfig: plugins named by use', () => {
  it('loads a plugin by relative path and calls its factory with the options', async () => {
    await write('config/plugins/foo.mjs', PLUGIN);
    await write(
      'config/freshet.config.json',
      JSON.stringify({
        sources: [
          { use: './plugins/foo.mjs', options: { id: 'foo_one' }, quota: { maxConcurrent: 3 }, sla: '1d' },
        ],
      }),
    );
    const { config } = await loadConfig({ cwd: dir(), env: {} });
    const [entry] = config.sources;
    expect(entry?.source.id).toBe('foo_one');
    expect(entry?.source.options).toEqual({ id: 'foo_one' });
    expect(entry?.quota.maxConcurrent).toBe(3);
    expect(entry?.quota.requestsPerInterval).toBe(5);
    expect(entry?.slaMs).toBe(86_400_000);
  });

  it('loads a plugin by package name from the config file directory, via a createSource export', async () => {
    await write(
      'node_modules/freshet-source-foo/package.json',
      JSON.stringify({ name: 'freshet-source-foo', type: 'module', exports: './index.mjs' }),
    );
    await write(
      'node_modules/freshet-source-foo/index.mjs',
      PLUGIN.replace('export default function createFoo', 'export function createSource'),
    );
    await write('freshet.config.yaml', 'sources:\n  - use: freshet-source-foo\n');
    const { config } = await loadConfig({ cwd: dir(), env: {} });
    expect(config.sources.map((s) => [s.source.id, s.sla, s.enabled])).toEqual([['foo', '7d', true]]);
  });

  it('names a plugin that does not export a factory, or whose factory returns no Source', async () => {
    await write('config/no-factory.mjs', 'export const name = "foo";');
    await write('config/not-a-source.mjs', 'export default () => ({ id: "x", cohort: {} });');
    await write(
      'config/freshet.config.json',
      JSON.stringify({ sources: [{ use: './no-factory.mjs' }, { use: './not-a-source.mjs' }] }),
    );
    const lines = (await loadError()).message.replace(/^\[freshet\] /, '').split('\n');
    const file = path.join('config', 'freshet.config.json');
    expect(lines).toEqual([
      `${file}: sources[0].use "./no-factory.mjs" exports no source factory; give it a default export (or an export named source or createSource) that takes options and returns a Source`,
      `${file}: sources[1].use "./not-a-source.mjs"'s factory returned an object, not a Source; it lacks a function listPartitions, a function fetchSlice, a function recordKey`,
    ]);
  });

  it('names a plugin path or package that cannot be found, and duplicate ids across plugins', async () => {
    await write('config/plugins/foo.mjs', PLUGIN);
    await write(
      'config/freshet.config.json',
      JSON.stringify({
        sources: [
          { use: './plugins/missing.mjs' },
          { use: '@acme/source-nothing' },
          { use: './plugins/foo.mjs' },
          { use: './plugins/foo.mjs' },
        ],
      }),
    );
    const message = (await loadError()).message;
    expect(message).toContain(
      `sources[0].use "./plugins/missing.mjs" does not exist (looked for ${path.join(dir(), 'config/plugins/missing.mjs')})`,
    );
    expect(message).toContain(
      `sources[1].use "@acme/source-nothing" cannot be found from ${path.join(dir(), 'config')}; install it there (pnpm add @acme/source-nothing) or fix the name`,
    );
    expect(message).toContain(
      'sources[3] repeats source id "foo", which sources[0] already has'.replace('sources[0]', 'sources[2]'),
    );
  });

  it('checks the schema before running any plugin code', async () => {
    await write('config/plugins/boom.mjs', 'throw new Error("plugin ran");');
    await write(
      'config/freshet.config.json',
      JSON.stringify({ sources: [{ use: './plugins/boom.mjs', sla: 'weekly' }] }),
    );
    const message = (await loadError()).message;
    expect(message).toContain('sources[0].sla must be a duration like "7d", "12h" or "30m" (got "weekly")');
    expect(message).not.toContain('plugin ran');
  });
});

describe('loadConfig: environment and secrets', () => {
  it('names a missing variable and where it is used', async () => {
    await write(
      'config/freshet.config.json',
      JSON.stringify({ sources: [{ use: './foo.mjs', options: { apiKey: '${SAM_GOV_API_KEY}' } }] }),
    );
    expect((await loadError()).message).toBe(
      `[freshet] ${path.join('config', 'freshet.config.json')}: sources[0].options.apiKey uses \${SAM_GOV_API_KEY}, which is not set; export it or give a default with \${SAM_GOV_API_KEY:-…}`,
    );
  });

  it('never shows a secret from the environment, in the message, details or JSON', async () => {
    const secret = 'sam-4f1c9e2b7d';
    await write('config/plugins/foo.mjs', PLUGIN);
    await write(
      'config/freshet.config.yaml',
      [
        'schedule:',
        '  timezone: ${SAM_GOV_API_KEY}',
        'sources:',
        '  - use: ./plugins/foo.mjs',
        '    options: { apiKey: "${SAM_GOV_API_KEY}" }',
        '    quota: { maxConcurrent: -2 }',
        '',
      ].join('\n'),
    );
    const err = await loadError({ env: { SAM_GOV_API_KEY: secret } });
    const file = path.join('config', 'freshet.config.yaml');
    expect(err.message).toContain(
      `${file}: schedule.timezone must be an IANA time zone, like "UTC" or "America/New_York" (got a string from \${SAM_GOV_API_KEY})`,
    );
    expect(err.message).toContain(
      `${file}: sources[0].quota.maxConcurrent must be a positive integer (got -2)`,
    );
    for (const text of [err.message, JSON.stringify(err), JSON.stringify(err.details)]) {
      expect(text).not.toContain(secret);
    }
  });

  it('redacts a secret a TS config throws with while it runs', async () => {
    const secret = 'pv-9d8c7b6a5f';
    await write(
      'config/freshet.config.ts',
      'throw new Error(`no access with ${process.env.FRESHET_TEST_TOKEN}`);',
    );
    process.env.FRESHET_TEST_TOKEN = secret;
    try {
      const err = await loadError({ env: { FRESHET_TEST_TOKEN: secret } });
      expect(err.message).toContain(`${path.join('config', 'freshet.config.ts')} could not be read:`);
      expect(err.message).toContain('no access with ***');
      expect(`${err.message} ${String((err.cause as Error).stack)}`).not.toContain(secret);
    } finally {
      delete process.env.FRESHET_TEST_TOKEN;
    }
  });

  it('redacts a secret a plugin factory puts in its error', async () => {
    const secret = 'sam-4f1c9e2b7d';
    await write('config/plugins/foo.mjs', PLUGIN);
    await write(
      'config/freshet.config.json',
      JSON.stringify({
        sources: [
          { use: './plugins/foo.mjs', options: { fail: true, apiKey: '${SAM_KEY:-none}${SAM_GOV}' } },
        ],
      }),
    );
    const err = await loadError({ env: { SAM_GOV: secret } });
    expect(err.message).toContain(
      `sources[0].options were refused by "./plugins/foo.mjs": bad apiKey none***`,
    );
    expect(err.message).not.toContain(secret);
  });
});
