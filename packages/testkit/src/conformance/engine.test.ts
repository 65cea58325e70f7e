import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type AnySource,
  type Clock,
  defineSource,
  ErrorCodes,
  systemClock,
  yearCohorts,
} from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { SBIR_AWARDS_PATH, type SbirSimulator, startSbirSimulator } from '../simulators/sbir/index.js';
import {
  engineSource,
  FAST_TEST_QUOTA,
  runSource,
  storedKeys,
  storedRecords,
  type TempFileStore,
  tempFileStore,
  totalCounts,
} from './engine.js';
import { closeAfterEach } from './lifecycle.js';

const cohort = yearCohorts({ prefix: 'award_year', fiscal: false });
const KEYS = ['awards:award_year_2023', 'awards:award_year_2024'];
const ROWS = 4;

interface Award {
  agency: string;
  agency_tracking_number: string;
  contract: string;
}

/** A small source over the SBIR simulator: NSF awards of a year, pages of four. */
function awardsSource(baseUrl: string, extra: Partial<AnySource> = {}): AnySource {
  const source = defineSource<Record<string, never>, Award, { start: number }>({
    id: 'awards',
    cohort,
    quota: FAST_TEST_QUOTA,
    sla: '1d',
    options: {},
    async listPartitions() {
      return [cohort.fromOrdinal(2023), cohort.fromOrdinal(2024)];
    },
    async fetchSlice({ partition, cursor, http, signal }) {
      const start = cursor?.start ?? 0;
      const { body } = await http.json({
        method: 'GET',
        url: `${baseUrl}${SBIR_AWARDS_PATH}`,
        query: { agency: 'NSF', year: partition.cohort.ordinal, rows: ROWS, start },
        signal,
      });
      const records = body as Award[];
      const done = records.length < ROWS;
      return { records, cursor: done ? null : { start: start + records.length }, done };
    },
    recordKey: (award) => `${award.agency_tracking_number}|${award.contract}`,
  });
  return { ...(source as AnySource), ...extra };
}

describe('the conformance entry’s engine helpers', () => {
  const track = closeAfterEach();

  async function setUp(): Promise<{ sim: SbirSimulator; temp: TempFileStore }> {
    const sim = track(
      await startSbirSimulator({
        seed: 3,
        firstYear: 2023,
        years: 2,
        agencies: ['NSF'],
        awardsPerAgencyYear: (year) => (year === 2023 ? 9 : 5),
        rateLimit: null,
      }),
    );
    return { sim, temp: track(await tempFileStore()) };
  }

  const truth = (sim: SbirSimulator, year: number) =>
    sim
      .truth({ agency: 'NSF', year })
      .map((award) => `${award.agency_tracking_number}|${award.contract}`)
      .sort();

  it('tempFileStore opens a store in a file of its own, and close removes it', async () => {
    const temp = await tempFileStore();
    expect(existsSync(temp.path)).toBe(true);
    expect(await temp.store.countRecords()).toBe(0);
    await temp.close();
    expect(existsSync(dirname(temp.path))).toBe(false);
  });

  it('runSource runs every partition to the end with the source’s quota, and storedKeys finds each', async () => {
    const { sim, temp } = await setUp();
    const source = awardsSource(sim.baseUrl);
    const results = await runSource({ store: temp.store, source, partitionKeys: KEYS });
    expect(results.map((r) => [r.partitionKey, r.outcome])).toEqual(KEYS.map((key) => [key, 'complete']));
    expect(results.map((r) => r.counts.slices)).toEqual([3, 2]);
    expect(await storedKeys(temp.store, 'awards', KEYS[0]!)).toEqual(truth(sim, 2023));
    expect(await storedKeys(temp.store, 'awards', KEYS[1]!)).toEqual(truth(sim, 2024));
    const records = await storedRecords(temp.store, 'awards', KEYS[1]!);
    expect([...records.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      sim
        .truth({ agency: 'NSF', year: 2024 })
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('runSource passes parallelism, hooks, refresh and the clock to the engine', async () => {
    const { sim, temp } = await setUp();
    const source = awardsSource(sim.baseUrl);
    // Running ahead by a year: the checkpoints are dated by this clock, not the system's.
    const ahead = 365 * 86_400_000;
    const clock: Clock = { now: () => new Date(Date.now() + ahead), sleep: systemClock.sleep };
    const started = Date.now();
    const fetched: string[] = [];
    const results = await runSource({
      store: temp.store,
      source,
      partitionKeys: KEYS,
      parallel: 1,
      clock,
      hooks: { beforeFetch: ({ partitionKey }) => void fetched.push(partitionKey) },
    });
    // One partition at a time: every slice of the first before any of the second.
    expect(fetched).toEqual([KEYS[0], KEYS[0], KEYS[0], KEYS[1], KEYS[1]]);
    const completedAt = (await temp.store.getCheckpoint(KEYS[0]!))?.completedAt?.getTime() ?? 0;
    expect(completedAt).toBeGreaterThanOrEqual(started + ahead);
    expect(completedAt).toBeLessThanOrEqual(Date.now() + ahead);

    const again = await runSource({ store: temp.store, source, partitionKeys: KEYS });
    expect(again.map((r) => r.outcome)).toEqual(['skipped', 'skipped']);
    const refreshed = await runSource({ store: temp.store, source, partitionKeys: KEYS, refresh: true });
    expect(refreshed.map((r) => r.counts.unchanged)).toEqual(results.map((r) => r.counts.written));
    expect(totalCounts(refreshed)).toEqual({
      slices: 5,
      written: 0,
      unchanged: 14,
      failed: 0,
      notFound: 0,
      apiCalls: 5,
      retries: 0,
    });
  });

  it('engineSource gives the HTTP client the source’s secrets and classifyResponse', async () => {
    const { sim, temp } = await setUp();
    const source = awardsSource(`${sim.baseUrl}/wrong`, {
      secrets: ['s3cret-value'],
      classifyResponse: (response) =>
        response.status === 403
          ? { code: ErrorCodes.REQUEST_REJECTED, message: 'refused s3cret-value', retryable: false }
          : undefined,
    });
    const engine = engineSource(source, FAST_TEST_QUOTA, temp.store);
    try {
      const http = engine.createHttp();
      const err = await http
        .request({
          method: 'GET',
          url: `${sim.baseUrl}/wrong${SBIR_AWARDS_PATH}`,
          signal: AbortSignal.timeout(5000),
        })
        .catch((error: unknown) => error as Error & { code: string });
      expect(err).toMatchObject({ code: ErrorCodes.REQUEST_REJECTED });
      expect((err as Error).message).toContain('refused ***');
      expect((err as Error).message).not.toContain('s3cret-value');
      expect(engine).toMatchObject({ source, quota: FAST_TEST_QUOTA });
    } finally {
      await engine.limiter.stop();
    }
  });
});
