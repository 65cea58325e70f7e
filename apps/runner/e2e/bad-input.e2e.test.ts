import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { FreshetResult } from './harness/binary.js';
import { nihProjectTest } from './harness/fixtures.js';
import type { E2eProject } from './harness/project.js';

// Names that look secret are redacted wherever they show up; this one also reaches an error message.
const SECRET = 'vault-tok-8c1f2e9a7d3b';
const env = { E2E_VAULT_TOKEN: SECRET, SAM_GOV_API_KEY: 'sam-key-5e4d3c2b1a' };

const it = nihProjectTest({ range: '2025-W09..2025-W12' });
const outputs: FreshetResult[] = [];

async function usage(project: E2eProject, argv: string[], ...expected: string[]): Promise<FreshetResult> {
  const result = await project.freshet(argv, { env });
  outputs.push(result);
  expect(result.code, `${argv.join(' ')}\n${result.stderr}`).toBe(2);
  for (const text of expected) expect(result.stderr, argv.join(' ')).toContain(text);
  expect(result.stdout, argv.join(' ')).toBe('');
  return result;
}

describe('freshet (built binary): bad input', () => {
  it('exits 2 naming the problem and the fix, starts nothing, and never prints a secret from the environment', async ({
    project,
    nih,
  }) => {
    await usage(
      project,
      ['run', '--source', 'nope'],
      '--source names source "nope", which is not configured',
      'configured sources: nih',
    );
    await usage(
      project,
      ['run', '--partition', 'nih:project_week_2025-W54'],
      '"2025-W54" is not an ISO week: 2025 has 52 weeks',
      'A valid nih partition looks like nih:project_week_2025-W12',
    );
    await usage(
      project,
      ['run', '--partition', 'usaspending:award_year_2024'],
      'names unknown source "usaspending"; known sources: nih',
    );
    await usage(
      project,
      ['run', '--window', '2025-W12..2025-W10'],
      'runs backwards: 2025-W12 comes after 2025-W10',
      'A valid nih window looks like 2025-W12..2025-W16',
    );
    await usage(
      project,
      ['plan', '--window', '2025-01..2025-03'],
      '"2025-01" is not an ISO week',
      'like 2025-W12',
    );
    await usage(project, ['run', '--limit', '3'], "unknown option '--limit'");
    const badClock = await project.freshet(['run'], { env: { ...env, FRESHET_NOW: 'yesterday' } });
    outputs.push(badClock);
    expect(badClock.code).toBe(2);
    expect(badClock.stderr).toContain('FRESHET_NOW="yesterday" is not a time; write an ISO time like');

    // Nothing was recorded or fetched.
    const store = await project.store();
    expect(await store.listRuns()).toEqual([]);
    expect(await store.listCheckpoints()).toEqual([]);
    expect(nih.proxy.requests).toHaveLength(0);

    // Broken configurations: a typo'd key and a bad value, both named with the fix.
    await project.writeConfig(`import { defineConfig } from '@freshet/core';
export default defineConfig({ sorces: [], run: { maxParallelPartitions: 0 } });
`);
    await usage(
      project,
      ['plan'],
      'config/freshet.config.ts: run.maxParallelPartitions must be a positive integer (got 0)',
      'sorces is not a known key; did you mean sources?',
    );
    // A config that throws while loading, with a secret from the environment in its message.
    await project.writeConfig(`const token = process.env.E2E_VAULT_TOKEN;
if (token) throw new Error('the vault refused token ' + token);
export default {};
`);
    const thrown = await usage(
      project,
      ['status'],
      'config/freshet.config.ts could not be read: the vault refused token ***',
    );
    expect(thrown.stderr).not.toContain(SECRET);
    // A config file that is not there.
    await usage(
      project,
      ['--config', 'config/missing.config.ts', 'plan'],
      'config file',
      'missing.config.ts does not exist',
    );
    // A source's options are checked when the config loads.
    await project.writeConfig(`import { defineConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';
export default defineConfig({ sources: [nih({ limit: 5000, baseUrl: 'http://127.0.0.1:1' })] });
`);
    await usage(project, ['plan'], 'invalid options: option limit must be at most 500', '(got 5000)');

    // No secret from the environment in anything printed.
    for (const output of outputs) {
      for (const value of Object.values(env)) {
        expect(output.stdout).not.toContain(value);
        expect(output.stderr).not.toContain(value);
      }
    }
  });

  it('a truncated freshet.config.ts (a syntax error) exits 2, naming the file and the line', async ({
    project,
  }) => {
    await project.writeConfig(
      "import { defineConfig } from '@freshet/core';\nexport default defineConfig({\n  sources: [\n",
    );
    const result = await project.freshet(['plan'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('config/freshet.config.ts');
    expect(result.stderr).toMatch(/line \d+: .*TypeScript syntax error/);
    expect(existsSync(project.storePath)).toBe(false);
  });
});
