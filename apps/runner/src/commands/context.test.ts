import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../planner/types.js';
import { cli } from '../test-support/cli.js';
import { type TempProject, tempProject } from '../test-support/store.js';

/** A source plugin with no imports, as a JSON config's `use` entry loads it. */
const PLUGIN = `
const cohort = (n) => ({ key: 'foo_batch_' + String(n).padStart(4, '0'), value: String(n).padStart(4, '0'), ordinal: n, window: null });
export default function createFoo(options = {}) {
  return {
    id: 'foo',
    cohort: { kind: 'batch', prefix: 'foo_batch', example: 'foo_batch_0001', exampleValue: '0001',
      parse: (key) => cohort(Number(key.slice(10))), parseValue: (v) => cohort(Number(v)), fromOrdinal: cohort,
      parseRange: () => [cohort(1), cohort(2)] },
    quota: { maxConcurrent: 1, requestsPerInterval: 5, intervalMs: 1000, dailyBudget: null, timeoutMs: 1000,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 } },
    sla: '7d',
    secrets: [options.apiKey],
    options,
    listPartitions: async () => [cohort(1), cohort(2)],
    fetchSlice: async () => ({ records: [], cursor: null, done: true }),
    recordKey: (record) => record.id,
  };
}
`;

let project: TempProject;
beforeEach(async () => {
  project = await tempProject();
  await mkdir(join(project.dir, 'config'), { recursive: true });
  await writeFile(join(project.dir, 'config', 'foo.mjs'), PLUGIN);
});
afterEach(async () => {
  await project.dispose();
});

describe('loading the configuration', () => {
  it('finds config/freshet.config.json from the working directory, or takes --config', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config interpolates the env on purpose.
    const config = { sources: [{ use: './foo.mjs', options: { apiKey: '${FOO_API_KEY}' } }] };
    await writeFile(join(project.dir, 'config', 'freshet.config.json'), JSON.stringify(config));
    const env = { FOO_API_KEY: 'foo-secret-key-123' };

    const found = await cli(['plan', '--json'], { cwd: project.dir, env });
    expect(found.code).toBe(0);
    expect(found.json<Plan>().entries.map((e) => e.partitionKey)).toEqual([
      'foo:foo_batch_0001',
      'foo:foo_batch_0002',
    ]);

    const explicit = await cli(['--config', 'config/freshet.config.json', 'status'], {
      cwd: project.dir,
      env,
    });
    expect(explicit.code).toBe(0);
    expect(explicit.stdout).toContain(`config: ${join(project.dir, 'config', 'freshet.config.json')}`);
    expect(explicit.stdout).toContain(`store:  ${join(project.dir, 'data', 'freshet.sqlite')}`);
  });

  it('exits 2 naming the bad key, with secrets redacted', async () => {
    const config = { sources: [{ use: './foo.mjs', sla: 'weekly' }], schedule: { cron: '0 2 * *' } };
    await writeFile(join(project.dir, 'config', 'freshet.config.json'), JSON.stringify(config));
    const result = await cli(['status'], { cwd: project.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('schedule.cron must be a cron expression of 5 or 6 fields');
    expect(result.stderr).toContain('sources[0].sla must be a duration like "7d"');

    const missing = await cli(['--config', 'nope.json', 'status'], { cwd: project.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
