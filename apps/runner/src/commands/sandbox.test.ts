import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '@freshet/core/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATION_META_KEY } from '../sandbox/generation.js';
import { cli } from '../test-support/cli.js';
import {
  installSbirExample,
  installSourceWithoutCompanion,
  writeProjectConfig,
} from '../test-support/sbir-example.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'freshet-sandbox-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const sandbox = (...argv: string[]) => cli(['sandbox', ...argv], { cwd });
const statePath = () => join(cwd, 'data/sandbox/state/enrichment_refresh_state.json');
const generation = async () => {
  const store = await openSqliteStore({ path: join(cwd, 'data/sandbox/freshet.sqlite') });
  try {
    return await store.getMeta(GENERATION_META_KEY);
  } finally {
    await store.close();
  }
};

// The simulators and the store are real; the quotas are sped up, so a cycle takes about a second.
describe('freshet sandbox', () => {
  it('runs a full first cycle: sensor, plan, every source, state artifact, summary', async () => {
    const { code, stdout } = await sandbox();
    expect(code).toBe(0);
    expect(stdout).toContain('cycle      1 (generation 0: a new sandbox)');
    expect(stdout).toMatch(/^ {2}nih +1 per 1\.1 s → 1 per 55 ms +\(0\.91\/s → 18\/s\)$/m);
    expect(stdout).toContain('upstream asset bulk_enrichment reported: success (event #1)');
    expect(stdout).toContain('sensor ticks: none -> active');
    expect(stdout).toContain('starts run sensor:1');
    expect(stdout).toContain('plan: 12 partitions to run');
    expect(stdout).toMatch(/^ {2}done +nih:project_week_2025-W02 +4 slices, 30 written/m);
    expect(stdout).toMatch(/^ {2}usaspending +3 +0 +0 +150 +0 +0 +15 +0 /m);
    // 45 UEIs, some with several registrations: 48 records.
    expect(stdout).toMatch(/^ {2}sam_gov +3 +0 +0 +48 +0 +2 +6 +0 /m);
    expect(stdout).toMatch(/^ {2}total +12 +0 +0 +394 +0 +2 /m);
    expect(stdout).toContain('SLA gaps closed (12)');
    expect(stdout).toContain('state artifact written: data/sandbox/state/enrichment_refresh_state.json');
    const artifact = JSON.parse(await readFile(statePath(), 'utf8'));
    expect(Object.keys(artifact.partitions)).toHaveLength(12);
    expect(await generation()).toBe(1);
  });

  it('a day later re-fetches only what is due, and writes only what changed upstream', async () => {
    const { code, stdout } = await sandbox();
    expect(code).toBe(0);
    expect(stdout).toContain('cycle      2 (generation 1)');
    expect(stdout).toContain("5% of each API's records changed since the last cycle");
    expect(stdout).toContain('plan: 3 partitions to run (~15 API calls), 0 deferred, 9 skipped');
    expect(stdout).toMatch(/^ {2}usaspending:award_year_2023 +sla_breached +run/m);
    expect(stdout).toMatch(/^ {2}nih:project_week_2025-W02 +fresh +skipped/m);
    expect(stdout).toMatch(/^ {2}usaspending +3 +0 +0 +8 +142 /m);
    expect(stdout).toMatch(/^ {2}nih +0 +3 +0 +0 +0 +0 +0 +0 +-$/m);
    expect(stdout).toMatch(
      /^ {2}usaspending +8 records changed upstream +re-fetched: 8 written, 142 unchanged$/m,
    );
    expect(stdout).toMatch(
      /^ {2}patentsview +5 records changed upstream +not re-fetched: fresh within its SLA of 30d$/m,
    );
    expect(stdout).toContain('SLA gaps closed (3)');
    expect(await generation()).toBe(2);
  });

  it('starts over with --reset, also as pnpm passes it (after --)', async () => {
    const { code, stdout } = await sandbox('--', '--reset');
    expect(code).toBe(0);
    expect(stdout).toContain('reset: removed data/sandbox');
    expect(stdout).toContain('cycle      1 (generation 0: a new sandbox)');
    expect(await generation()).toBe(1);
    const bad = await sandbox('--', '--rest');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unexpected argument(s) --rest');
  });
});

/** The SBIR example's companion, as a third party publishes it beside the source. */
const SBIR_COMPANION = fileURLToPath(
  new URL('../../../../examples/source-sbir/src/testing.ts', import.meta.url),
);

describe('freshet sandbox with a configured companion', () => {
  it('runs the SBIR example beside the first-party sources, with no change to the runner', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshet-sandbox-sbir-'));
    try {
      // As `pnpm start -- --companion <module>` hands it over.
      const { code, stdout } = await cli(['sandbox', '--', '--companion', SBIR_COMPANION], { cwd: dir });
      expect(code).toBe(0);
      expect(stdout).toContain('against 5 API simulators on 127.0.0.1');
      expect(stdout).toMatch(/^ {2}sbir +50 per 60 s → 50 per 3 s /m);
      expect(stdout).toContain('plan: 14 partitions to run');
      // Two award years, 12 awards from each of two agencies: 48 records.
      expect(stdout).toMatch(/^ {2}done +sbir:award_year_2023 +\d+ slices, 24 written/m);
      expect(stdout).toMatch(/^ {2}sbir +2 +0 +0 +48 +0 /m);
      expect(stdout).toMatch(/^ {2}usaspending +3 +0 +0 +150 +0 /m);
      expect(stdout).toContain('SLA gaps closed (14)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('freshet sandbox on a project’s configuration', () => {
  it('runs the sources configured, the SBIR example included, with no change to the runner', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshet-sandbox-config-'));
    try {
      await installSbirExample(dir);
      // A source made in code: its companion is found through the package the config imports.
      await writeProjectConfig(dir, {
        imports: "import { sbir } from 'freshet-source-sbir';",
        entries: '{ source: sbir() },',
      });
      const { code, stdout } = await cli(['sandbox'], { cwd: dir });
      expect(code).toBe(0);
      expect(stdout).toContain('against 5 API simulators on 127.0.0.1');
      expect(stdout).toContain('  sources    the sources of config/freshet.config.ts');
      expect(stdout).toMatch(/^ {2}sbir +50 per 60 s → 50 per 3 s /m);
      expect(stdout).toContain('plan: 14 partitions to run');
      expect(stdout).toMatch(/^ {2}done +sbir:award_year_2023 +\d+ slices, 24 written/m);
      expect(stdout).toMatch(/^ {2}sbir +2 +0 +0 +48 +0 /m);
      // PatentsView is configured but disabled (no key): the sandbox's simulator needs none.
      expect(stdout).toMatch(/^ {2}patentsview +3 +0 +0 /m);
      expect(stdout).toContain('SLA gaps closed (14)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming a configured source without a companion, where it looked and the fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshet-sandbox-nocompanion-'));
    try {
      await installSourceWithoutCompanion(dir);
      await mkdir(join(dir, 'config'), { recursive: true });
      await writeFile(
        join(dir, 'config', 'freshet.config.yaml'),
        'sources:\n  - use: "@freshet/source-usaspending"\n  - use: "@acme/source-foo"\n',
      );
      const { code, stderr } = await cli(['sandbox'], { cwd: dir });
      expect(code).toBe(2);
      expect(stderr).toContain('no simulator companion for source "foo" of config/freshet.config.yaml;');
      expect(stderr).toContain('@acme/source-foo/testing: @acme/source-foo exports no "./testing"');
      expect(stderr).toContain('Fix: publish @acme/source-foo/testing exporting a companion');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
