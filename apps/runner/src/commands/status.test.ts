import { join } from 'node:path';
import { type FreshetConfig, listSlaGaps, resolveConfig } from '@freshet/core';
import { PATENTSVIEW_API_KEY_ENV } from '@freshet/source-patentsview';
import { SAM_GOV_API_KEY_ENV } from '@freshet/source-sam-gov';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../test-support/cli.js';
import { manualClock } from '../test-support/clock.js';
import { testConfig } from '../test-support/config.js';
import { type CliProject, cliProject } from '../test-support/project.js';
import { checkpoint, monthSource, weekSource } from '../test-support/sources.js';
import { tempProject } from '../test-support/store.js';
import type { StatusReport } from './status.js';

let sim: NihSimulator;
let project: CliProject;
beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 3, projectsPerWeek: 25, rateLimit: null });
  project = await cliProject(sim);
});
afterAll(async () => {
  await project.dispose();
  await sim.close();
});

describe('freshet status', () => {
  it('reports the sensor, schedule, artifact, runs and per-source freshness', async () => {
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    const result = await project.run(['status', '--json']);
    expect(result.code).toBe(0);
    const report = result.json<StatusReport>();
    expect(report).toMatchObject({
      sensor: { status: 'waiting', upstreamAssets: ['bulk_enrichment'] },
      schedule: { cron: '0 2 * * *', timezone: 'UTC', nextTick: '2025-03-21T02:00:00.000Z' },
      stateArtifact: { status: 'valid' },
      runInProgress: null,
      sources: [
        {
          source: 'nih',
          enabled: true,
          sla: '7d',
          partitions: { total: 3, complete: 1, running: 0, failed: 0, neverRun: 2 },
          slaGaps: 2,
          quota: { dailyBudget: null, usedToday: expect.any(Number) },
        },
      ],
    });
    expect(report.slaGaps.map((g) => g.reason)).toEqual(['never_run', 'never_run']);
    expect(report.lastRuns).toHaveLength(1);

    const human = await project.run(['status']);
    expect(human.stdout).toContain('sensor: waiting');
    expect(human.stdout).toContain('fires only while the sensor is active');
    expect(human.stdout).toMatch(/nih\s+7d\s+3\s+1\s+0\s+0\s+2\s+2/);
  });
});

describe('freshet status with disabled sources', () => {
  it('lists every configured source, and under the table why each disabled one is', async () => {
    const keyless = await tempProject();
    try {
      const config = await testConfig(keyless.dir, [
        { source: weekSource('nih') },
        { source: monthSource('patentsview'), enabled: false },
        { source: weekSource('sam_gov'), enabled: false },
        { source: weekSource('usaspending'), enabled: false },
        { source: monthSource('keyed', { id: 'patentsview_keyed', secrets: ['k-123'] }), enabled: false },
      ]);
      const run = (argv: string[]) =>
        cli(argv, { config, clock: manualClock('2025-03-20T12:00:00Z'), cwd: keyless.dir });
      const json = (await run(['status', '--json'])).json<StatusReport>();
      expect(json.sources.map((s) => [s.source, s.enabled, s.disabled])).toEqual([
        ['nih', true, null],
        [
          'patentsview',
          false,
          `disabled in the configuration (enabled: false); no API key: set ${PATENTSVIEW_API_KEY_ENV}`,
        ],
        [
          'sam_gov',
          false,
          `disabled in the configuration (enabled: false); no API key: set ${SAM_GOV_API_KEY_ENV}`,
        ],
        ['usaspending', false, 'disabled in the configuration (enabled: false)'],
        ['patentsview_keyed', false, 'disabled in the configuration (enabled: false)'],
      ]);
      const human = await run(['status']);
      expect(human.code).toBe(0);
      const lines = human.stdout.split('\n');
      const tableEnd = lines.findIndex((l) => l.startsWith('  patentsview_keyed (disabled)'));
      expect(tableEnd, human.stdout).toBeGreaterThan(0);
      expect(lines.slice(tableEnd + 1, tableEnd + 5)).toEqual([
        '  patentsview: disabled in the configuration (enabled: false); no API key: set PATENTSVIEW_API_KEY',
        '  sam_gov: disabled in the configuration (enabled: false); no API key: set SAM_GOV_API_KEY',
        '  usaspending: disabled in the configuration (enabled: false)',
        '  patentsview_keyed: disabled in the configuration (enabled: false)',
      ]);
      expect(human.stdout).not.toMatch(/^ *nih: /m);
    } finally {
      await keyless.dispose();
    }
  });
});

/** The repository's runnable default configuration. */
const DEFAULT_CONFIG = new URL('../../../../config/freshet.config.ts', import.meta.url);

describe('freshet status on the default configuration without API keys', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('lists every source it configures, SAM.gov and PatentsView disabled with the variable to set', async () => {
    vi.stubEnv(SAM_GOV_API_KEY_ENV, undefined);
    vi.stubEnv(PATENTSVIEW_API_KEY_ENV, undefined);
    // config/freshet.config.ts reads the keys when it is loaded, so it is loaded after the stubs
    // (by URL: the file is outside this package's rootDir).
    const defaults = (await import(DEFAULT_CONFIG.href)).default as FreshetConfig;
    const keyless = await tempProject();
    try {
      const config = await resolveConfig(defaults, {
        filepath: join(keyless.dir, 'config', 'freshet.config.ts'),
        env: {},
      });
      const result = await cli(['status', '--json'], {
        config,
        clock: manualClock('2025-03-20T12:00:00Z'),
        cwd: keyless.dir,
      });
      expect(result.code, result.stderr).toBe(0);
      const noKey = (env: string) => `disabled in the configuration (enabled: false); no API key: set ${env}`;
      expect(result.json<StatusReport>().sources.map((s) => [s.source, s.disabled])).toEqual([
        ['usaspending', null],
        ['sam_gov', noKey(SAM_GOV_API_KEY_ENV)],
        ['nih', null],
        ['patentsview', noKey(PATENTSVIEW_API_KEY_ENV)],
      ]);
    } finally {
      await keyless.dispose();
    }
  });
});

describe('freshet status over many partitions', () => {
  it('counts per source and lists the ten most overdue gaps of the listed partitions, as listSlaGaps has them', async () => {
    const project = await tempProject();
    try {
      const now = new Date('2025-06-01T00:00:00Z');
      const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
      const config = await testConfig(project.dir, [
        { source: weekSource('nih'), range: '2025-W01..2025-W20' },
        { source: monthSource('patentsview'), range: '2024-01..2024-12' },
      ]);
      const { store } = project;
      for (let w = 1; w <= 20; w++) {
        const key = `nih:project_week_2025-W${String(w).padStart(2, '0')}`;
        if (w % 5 === 0) continue; // never run
        if (w % 7 === 0) {
          await store.saveCheckpoint(
            checkpoint(key, {
              status: 'failed',
              lastCompleteAt: null,
              completedAt: null,
              startedAt: daysAgo(w),
            }),
          );
          continue;
        }
        await store.saveCheckpoint(
          checkpoint(key, { lastCompleteAt: daysAgo(w % 9), completedAt: daysAgo(w % 9) }),
        );
        await store.upsertRecords({
          source: 'nih',
          partitionKey: key,
          records: Array.from({ length: w }, (_, r) => ({ key: `${key}-${r}`, json: '{}', hash: 'h' })),
          at: daysAgo(w % 9),
        });
      }
      // Outside the configured range: not counted.
      await store.saveCheckpoint(checkpoint('nih:project_week_2024-W50', { lastCompleteAt: daysAgo(300) }));
      for (let m = 1; m <= 12; m += 2) {
        const key = `patentsview:grant_month_2024-${String(m).padStart(2, '0')}`;
        await store.saveCheckpoint(
          checkpoint(key, { lastCompleteAt: daysAgo(20 + m * 3), completedAt: daysAgo(20 + m * 3) }),
        );
      }
      await store.saveCheckpoint(
        checkpoint('patentsview:grant_month_2024-02', {
          status: 'running',
          lastCompleteAt: null,
          completedAt: null,
          startedAt: daysAgo(1),
        }),
      );

      const result = await cli(['status', '--json'], { config, clock: manualClock(now), cwd: project.dir });
      expect(result.code).toBe(0);
      const report = result.json<StatusReport>();

      const listed = new Map([
        [
          'nih',
          Array.from({ length: 20 }, (_, i) => `nih:project_week_2025-W${String(i + 1).padStart(2, '0')}`),
        ],
        [
          'patentsview',
          Array.from(
            { length: 12 },
            (_, i) => `patentsview:grant_month_2024-${String(i + 1).padStart(2, '0')}`,
          ),
        ],
      ]);
      const gaps = (
        await listSlaGaps({
          store,
          sources: config.sources.map((s) => ({ id: s.source.id, slaMs: s.slaMs })),
          now,
          knownPartitions: listed,
        })
      ).filter((g) => listed.get(g.source)?.includes(g.partitionKey));
      expect(report.sources.map((s) => [s.source, s.partitions, s.slaGaps])).toEqual([
        [
          'nih',
          { total: 20, complete: 14, running: 0, failed: 2, neverRun: 4 },
          gaps.filter((g) => g.source === 'nih').length,
        ],
        [
          'patentsview',
          { total: 12, complete: 6, running: 1, failed: 0, neverRun: 5 },
          gaps.filter((g) => g.source === 'patentsview').length,
        ],
      ]);
      expect(report.slaGaps).toEqual(
        gaps.slice(0, 10).map((g) => ({
          partitionKey: g.partitionKey,
          reason: g.reason,
          breachedSince: g.breachedSince?.toISOString() ?? null,
          staleRecords: g.staleRecords,
        })),
      );
      expect(report.slaGaps.some((g) => g.staleRecords > 0)).toBe(true);
    } finally {
      await project.dispose();
    }
  });
});
