// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests write ${VAR} references on purpose.
import { describe, expect, it } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { type ResolveConfigOptions, resolveConfig } from './resolve.js';
import { defineConfig } from './schema.js';
import { testQuota, testSource } from './test-sources.js';

const at: ResolveConfigOptions = { filepath: '/proj/config/freshet.config.ts', cwd: '/proj', env: {} };

/** The CONFIG_INVALID message `resolveConfig` throws for `input`. */
async function problems(input: unknown, options: Partial<ResolveConfigOptions> = {}): Promise<string> {
  try {
    await resolveConfig(input, { ...at, ...options });
  } catch (err) {
    if (!isFreshetError(err, ErrorCodes.CONFIG_INVALID)) throw err;
    return err.message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('resolveConfig: defaults and sources', () => {
  it('fills every default and resolves paths against the project root (the parent of config/)', async () => {
    const config = await resolveConfig({}, at);
    expect(config).toEqual({
      rootDir: '/proj',
      store: { kind: 'sqlite', path: '/proj/data/freshet.sqlite', label: '/proj/data/freshet.sqlite' },
      limiter: { kind: 'memory', label: 'in-process' },
      serviceSecrets: [],
      state: { path: '/proj/data/state/enrichment_refresh_state.json' },
      schedule: { cron: '0 2 * * *', timezone: 'UTC' },
      sensor: { upstreamAssets: [], intervalSeconds: 60 },
      history: { keepRevisions: 5, keepDays: 30 },
      run: { leaseTtlSeconds: 300, notifyAfterFailures: 3 },
      sources: [],
      notify: [],
    });
  });

  it('resolves relative paths against the file directory when it is not a config/ folder', async () => {
    const config = await resolveConfig(
      { store: { path: 'db/f.sqlite' }, state: { path: '/abs/state.json' } },
      { ...at, filepath: '/proj/freshet.config.json' },
    );
    expect(config.store).toMatchObject({ kind: 'sqlite', path: '/proj/db/f.sqlite' });
    expect(config.state.path).toBe('/abs/state.json');
  });

  it('takes a store and a limiter plugin by alias, keeps their options, and redacts URL passwords', async () => {
    const config = await resolveConfig(
      {
        store: { use: 'postgres', url: '${DB_URL}', poolSize: 4 },
        limiter: { use: 'redis', url: 'redis://:hunter2@cache:6379', prefix: 'acme' },
      },
      { ...at, env: { DB_URL: 'postgres://app:s3cr%40t@db:5432/freshet' }, interpolate: true },
    );
    expect(config.store).toEqual({
      kind: 'plugin',
      use: '@freshet/store-postgres',
      options: { url: 'postgres://app:s3cr%40t@db:5432/freshet', poolSize: 4 },
      configFile: at.filepath,
      label: '@freshet/store-postgres postgres://app:***@db:5432/freshet',
    });
    expect(config.limiter).toMatchObject({
      kind: 'plugin',
      use: '@freshet/limiter-redis',
      options: { url: 'redis://:hunter2@cache:6379', prefix: 'acme' },
      label: '@freshet/limiter-redis redis://:***@cache:6379',
    });
    expect(config.serviceSecrets).toEqual(['s3cr@t', 'hunter2']);
  });

  it('names the problem of a store or limiter entry', async () => {
    expect(await problems({ store: { kind: 'postgres' } })).toContain(
      'store.kind must be "sqlite", or give `use` to name a store plugin',
    );
    expect(await problems({ store: { paht: 'x.sqlite' } })).toContain(
      'store.paht is not a known key; did you mean path?',
    );
    expect(await problems({ store: { use: '' } })).toContain('store.use must be a package name or a path');
    expect(await problems({ limiter: { use: 'memory', url: 'redis://x' } })).toContain('limiter.url');
    expect(await problems({ limiter: 'redis' })).toContain(
      'limiter must be an object like { use: "memory" }',
    );
  });

  it('accepts a Source as it is and a wrapped Source with settings, merging quota over its defaults', async () => {
    const nih = testSource('nih');
    const patents = testSource('patentsview');
    const config = await resolveConfig(
      defineConfig({
        sources: [
          nih,
          {
            source: patents,
            sla: '12h',
            range: '2025-01..2025-03',
            enabled: false,
            quota: { maxConcurrent: 1, dailyBudget: null, retry: { maxAttempts: 2 } },
          },
        ],
      }),
      at,
    );
    expect(config.sources).toEqual([
      { source: nih, quota: testQuota, sla: '30d', slaMs: 30 * 86_400_000, enabled: true },
      {
        source: patents,
        quota: {
          ...testQuota,
          maxConcurrent: 1,
          dailyBudget: null,
          retry: { ...testQuota.retry, maxAttempts: 2 },
        },
        sla: '12h',
        slaMs: 12 * 3_600_000,
        range: '2025-01..2025-03',
        enabled: false,
      },
    ]);
  });
});

describe('defineConfig', () => {
  it('returns its argument, and types catch a misspelt key in a TS config', () => {
    const config = { schedule: { cron: '0 1 * * *' } };
    expect(defineConfig(config)).toBe(config);
    // @ts-expect-error `schedul` is not a key of FreshetConfig
    expect(defineConfig({ schedul: {} })).toEqual({ schedul: {} });
  });
});

describe('resolveConfig: every bad input is named', () => {
  const file = 'config/freshet.config.ts';

  it('a cron without 5 or 6 fields', async () => {
    expect(await problems({ schedule: { cron: '0 2 * *' } })).toBe(
      `[freshet] ${file}: schedule.cron must be a cron expression of 5 or 6 fields, like "0 2 * * *" (02:00 daily) (got "0 2 * *")`,
    );
  });

  it('a time zone that does not exist', async () => {
    expect(await problems({ schedule: { timezone: 'Mars/Olympus_Mons' } })).toContain(
      `${file}: schedule.timezone must be an IANA time zone, like "UTC" or "America/New_York" (got "Mars/Olympus_Mons")`,
    );
  });

  it('a negative quota, with the entry index and the full key path', async () => {
    const message = await problems({
      sources: [testSource('nih'), { source: testSource('sam_gov'), quota: { maxConcurrent: -2 } }],
    });
    expect(message).toBe(
      `[freshet] ${file}: sources[1].quota.maxConcurrent must be a positive integer (got -2)`,
    );
  });

  it('a typo in a top-level key, with a suggestion', async () => {
    expect(await problems({ schedul: { cron: '0 3 * * *' } })).toBe(
      `[freshet] ${file}: schedul is not a known key; did you mean schedule?`,
    );
  });

  it('a typo in a nested key, and an unknown key with nothing close lists the known ones', async () => {
    const message = await problems({
      sources: [{ source: testSource('nih'), quota: { maxConcurent: 1 } }],
      run: { bogus: 1 },
    });
    expect(message).toContain(
      `${file}: sources[0].quota.maxConcurent is not a known key; did you mean maxConcurrent?`,
    );
    expect(message).toContain(
      `${file}: run.bogus is not a known key (known keys here: maxParallelPartitions, leaseTtlSeconds, notifyAfterFailures)`,
    );
  });

  it('lists every problem, one line each, not just the first', async () => {
    const message = await problems({
      schedule: { cron: 'nightly', timezone: 'Nowhere/Else' },
      sensor: { intervalSeconds: 0, upstreamAssets: 'bulk' },
      run: { maxParallelPartitions: 1.5 },
      store: { kind: 'postgres' },
      sources: [{ source: testSource('nih'), sla: '7 days', enabled: 'yes' }],
    });
    const lines = message.replace(/^\[freshet\] /, '').split('\n');
    expect(lines).toEqual([
      `${file}: store.kind must be "sqlite", or give \`use\` to name a store plugin (got "postgres")`,
      `${file}: schedule.cron must be a cron expression of 5 or 6 fields, like "0 2 * * *" (02:00 daily) (got "nightly")`,
      `${file}: schedule.timezone must be an IANA time zone, like "UTC" or "America/New_York" (got "Nowhere/Else")`,
      `${file}: sensor.upstreamAssets must be a list of asset names (got "bulk")`,
      `${file}: sensor.intervalSeconds must be a positive integer (got 0)`,
      `${file}: run.maxParallelPartitions must be a positive integer (got 1.5)`,
      `${file}: sources[0].sla must be a duration like "7d", "12h" or "30m" (got "7 days")`,
      `${file}: sources[0].enabled must be true or false (got "yes")`,
    ]);
  });

  it('duplicate source ids, naming both entries', async () => {
    expect(await problems({ sources: [testSource('nih'), testSource('sam_gov'), testSource('nih')] })).toBe(
      `[freshet] ${file}: sources[2] repeats source id "nih", which sources[0] already has; source ids must be unique`,
    );
  });

  it('an entry that is neither a Source nor { source } nor { use }', async () => {
    expect(await problems({ sources: ['nih'] })).toContain(
      `${file}: sources[0] must be a Source, { source: <Source>, quota?, sla?, range?, enabled? } or { use: '<package or ./path>', options?, quota?, sla?, range?, enabled? } (got "nih")`,
    );
  });

  it('an object that looks like a Source but lacks its functions', async () => {
    const { fetchSlice: _, recordKey: __, ...partial } = testSource('nih');
    expect(await problems({ sources: [partial] })).toBe(
      `[freshet] ${file}: sources[0] looks like a Source but lacks a function fetchSlice, a function recordKey`,
    );
  });

  it('a wrapped entry whose source is not a Source', async () => {
    expect(await problems({ sources: [{ source: { id: 'x' } }] })).toContain(
      `${file}: sources[0].source must be a Source made by a factory like nih({ … })`,
    );
  });

  it('a range the source cannot parse, with the cohort scheme reason', async () => {
    const message = await problems({
      sources: [{ source: testSource('patentsview'), range: '2025-13..2025-14' }],
    });
    expect(message).toContain(`${file}: sources[0].range is not a range of source "patentsview": `);
    expect(message).toContain('"2025-13" is not a month');
  });

  it('a merged quota that breaks a cross-field rule', async () => {
    const message = await problems({
      sources: [{ source: testSource('nih'), quota: { retry: { baseDelayMs: 5_000, maxDelayMs: 100 } } }],
    });
    expect(message).toContain(`${file}: sources[0].quota.retry.maxDelayMs is invalid: `);
    expect(message).toContain('(got 100)');
  });

  it('a source id that could not be part of a partition key', async () => {
    expect(await problems({ sources: [testSource('Sam Gov')] })).toContain(
      `${file}: sources[0] has source id "Sam Gov", which is not valid`,
    );
  });

  it('a configuration that is not an object', async () => {
    expect(await problems(42)).toBe(
      `[freshet] ${file}: the configuration must be an object (the Freshet configuration) (got 42)`,
    );
  });
});

describe('resolveConfig: secrets', () => {
  it('never prints an interpolated value, even when it lands in the wrong key', async () => {
    const env = { SAM_GOV_API_KEY: 'sk-live-7f3a9c1e', SLA: 'sk-live-7f3a9c1e' };
    const message = await problems(
      {
        schedule: { cron: 'bad' },
        sources: [{ source: testSource('sam_gov'), sla: '${SLA}' }],
      },
      { env, interpolate: true },
    );
    expect(message).toContain(
      'sources[0].sla must be a duration like "7d", "12h" or "30m" (got a string from ${SLA})',
    );
    expect(message).not.toContain('sk-live-7f3a9c1e');
  });

  it('redacts secret-looking environment values and source secrets from every line', async () => {
    const secret = 'pv-secret-0042';
    const message = await problems(
      { sources: [testSource('patentsview', { secrets: [secret] }), { source: testSource(secret) }] },
      { env: { PATENTSVIEW_API_KEY: secret } },
    );
    expect(message).toContain('sources[1] has source id "***", which is not valid');
    expect(message).not.toContain(secret);
  });
});

describe('resolveConfig: upstream asset names', () => {
  const file = 'config/freshet.config.ts';

  it('refuses an asset name `freshet assets report` would refuse, naming the rule and escaping the value', async () => {
    const message = await problems({ sensor: { upstreamAssets: ['bulk enrichment', '\u001b[31mred'] } });
    const lines = message.replace(/^\[freshet\] /, '').split('\n');
    expect(lines).toEqual([
      `${file}: sensor.upstreamAssets[0] must be an asset name: letters, digits and _ . : / -, starting with a letter or digit, at most 128 characters, like bulk_enrichment (got "bulk enrichment")`,
      `${file}: sensor.upstreamAssets[1] must be an asset name: letters, digits and _ . : / -, starting with a letter or digit, at most 128 characters, like bulk_enrichment (got "\\u001b[31mred")`,
    ]);
  });

  it('keeps a valid name as written', async () => {
    const config = await resolveConfig({ sensor: { upstreamAssets: ['dagster/bulk:awards-2025.v2'] } }, at);
    expect(config.sensor.upstreamAssets).toEqual(['dagster/bulk:awards-2025.v2']);
  });
});

describe('resolveConfig: values echoed in messages', () => {
  it('cuts a long bad value and escapes the control bytes in it', async () => {
    const message = await problems({ schedule: { timezone: `\u009b\u007f${'z'.repeat(10_000)}` } });
    expect(message).toContain('(got "\\x9b\\x7fzzz');
    expect(message).toContain('z…")');
    expect(message.length).toBeLessThan(400);
    expect(message).not.toMatch(/[\u007f-\u009f]/);
  });
});

describe('resolveConfig: history retention', () => {
  it('takes keepRevisions and keepDays, and names a bad one with what it must be', async () => {
    const config = await resolveConfig({ history: { keepRevisions: 2, keepDays: 7 } }, at);
    expect(config.history).toEqual({ keepRevisions: 2, keepDays: 7 });
    await expect(resolveConfig({ history: { keepRevisions: 0 } }, at)).rejects.toThrow(
      /history\.keepRevisions/,
    );
    await expect(resolveConfig({ history: { keepDay: 7 } }, at)).rejects.toThrow(/keepDays/);
  });
});
