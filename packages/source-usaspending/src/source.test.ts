import {
  createHttpClient,
  createLimiter,
  ErrorCodes,
  FreshetError,
  type Json,
  type Quota,
  type SliceResult,
} from '@freshet/core';
import { startUsaspendingSimulator, type UsaspendingSimulator } from '@freshet/testkit';
import { fetchOneSlice, type TempFileStore, tempFileStore } from '@freshet/testkit/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS } from './award-types.js';
import { USASPENDING_DEFAULT_QUOTA } from './defaults.js';
import { notices, usaspending } from './source.js';
import { expectedAwardKeys } from './test-support.js';
import type { UsaspendingAward, UsaspendingCursor } from './types.js';

describe('usaspending source', () => {
  it('is the usaspending source: fiscal-year cohorts, 120 requests a minute, 1 day SLA, no secrets', () => {
    const source = usaspending();
    expect(source.id).toBe('usaspending');
    expect(source.cohort.parse('award_year_2024').window).toEqual({
      start: new Date('2023-10-01T00:00:00Z'),
      end: new Date('2024-10-01T00:00:00Z'),
    });
    expect(source.quota).toEqual(USASPENDING_DEFAULT_QUOTA);
    expect(source.quota.requestsPerInterval / (source.quota.intervalMs / 60_000)).toBeLessThanOrEqual(120);
    expect(source.sla).toBe('1d');
    expect(source.secrets).toBeUndefined();
    expect(source.recordKey({ internal_id: 1, generated_internal_id: 'CONT_AWD_X_9700_-NONE-_-NONE-' })).toBe(
      'CONT_AWD_X_9700_-NONE-_-NONE-',
    );
    expect(source.estimateCalls).toBeUndefined();
  });

  it('lists the configured range, or the recent fiscal years up to the current one', async () => {
    const source = usaspending({ recentFiscalYears: 3 });
    const now = new Date('2025-11-27T12:00:00Z');
    const recent = await source.listPartitions({ options: source.options, now });
    expect(recent.map((c) => c.key)).toEqual(['award_year_2024', 'award_year_2025', 'award_year_2026']);
    const ranged = await source.listPartitions({ options: source.options, now, range: '2008..2010' });
    expect(ranged.map((c) => c.key)).toEqual(['award_year_2008', 'award_year_2009', 'award_year_2010']);
    await expect(
      source.listPartitions({ options: source.options, now, range: '2006..2008' }),
    ).rejects.toMatchObject({
      code: ErrorCodes.PARTITION_KEY_INVALID,
      message: expect.stringContaining('award_year_2006 is fiscal year 2006, before FY2008'),
    });
    const early = await usaspending({ recentFiscalYears: 20 }).listPartitions({
      options: { ...source.options, recentFiscalYears: 20 },
      now: new Date('2010-01-15T00:00:00Z'),
    });
    expect(early.map((c) => c.ordinal)).toEqual([2008, 2009, 2010]);
  });
});

describe('usaspending fetchSlice against the simulator', () => {
  let sim: UsaspendingSimulator;
  let temp: TempFileStore;
  const quota: Quota = { ...USASPENDING_DEFAULT_QUOTA, requestsPerInterval: 1000, intervalMs: 1000 };
  beforeAll(async () => {
    sim = await startUsaspendingSimulator({
      seed: 21,
      firstFiscalYear: 2024,
      fiscalYears: 1,
      awardsPerYear: { grants: 45, loans: 12, contracts: 30 },
      rateLimit: null,
    });
    temp = await tempFileStore();
  });
  afterAll(async () => {
    await sim.close();
    await temp.close();
  });

  async function slices(
    options: Parameters<typeof usaspending>[0],
    partitionKey: string,
    start: Json | null = null,
    max = 50,
  ): Promise<Array<SliceResult<UsaspendingAward, UsaspendingCursor>>> {
    const source = usaspending({ baseUrl: sim.baseUrl, ...options });
    const limiter = createLimiter({ sourceId: source.id, quota, store: temp.store });
    const http = createHttpClient({ sourceId: source.id, limiter, quota });
    const out: Array<SliceResult<UsaspendingAward, UsaspendingCursor>> = [];
    let cursor = start as UsaspendingCursor | null;
    try {
      for (let n = 0; n < max; n++) {
        const slice = await fetchOneSlice(source, { partition: partitionKey, cursor, http });
        out.push(slice);
        if (slice.done) return out;
        cursor = slice.cursor;
      }
      throw new Error('no end after 50 slices');
    } finally {
      await limiter.stop();
    }
  }

  it('walks the configured groups in turn, one request a slice, search_after within a group', async () => {
    sim.resetStats();
    const got = await slices(
      { awardTypeGroups: ['grants', 'loans'], limit: 20 },
      'usaspending:award_year_2024',
    );
    expect(got.map((s) => [s.records.length, s.cursor])).toEqual([
      [
        20,
        {
          groupIndex: 0,
          group: 'grants',
          page: 2,
          after: expect.objectContaining({ id: expect.any(Number) }),
        },
      ],
      [
        20,
        {
          groupIndex: 0,
          group: 'grants',
          page: 3,
          after: expect.objectContaining({ id: expect.any(Number) }),
        },
      ],
      [5, { groupIndex: 1, group: 'loans', page: 1, after: null }],
      [12, null],
    ]);
    expect(got.at(-1)?.done).toBe(true);
    expect(sim.stats().requests).toBe(4);
    const keys = got.flatMap((s) => s.records.map((r) => r.generated_internal_id)).sort();
    expect(keys).toEqual(expectedAwardKeys(sim, 'usaspending:award_year_2024', ['grants', 'loans']));
    // The second page carried the first page's last row as search_after.
    const first = got[0] as SliceResult<UsaspendingAward, UsaspendingCursor>;
    expect(first.cursor?.after).toEqual({
      id: first.records.at(-1)?.internal_id,
      sort: first.records.at(-1)?.['Award ID'],
    });
  });

  it('asks each group for its own fields, keeping every field the API sends', async () => {
    const [grants] = await slices({ awardTypeGroups: ['grants'] }, 'usaspending:award_year_2024');
    const row = grants?.records[0] as UsaspendingAward;
    expect(Object.keys(row)).toEqual([
      'internal_id',
      ...DEFAULT_FIELDS.grants,
      'awarding_agency_id',
      'agency_slug',
      'generated_internal_id',
    ]);
    const [loans] = await slices({ awardTypeGroups: ['loans'] }, 'usaspending:award_year_2024');
    expect(loans?.records[0]).toHaveProperty('Loan Value');
    expect(loans?.records[0]).not.toHaveProperty('Award Amount');
  });

  it('resumes from a checkpoint cursor, and refuses one made with other groups', async () => {
    const all = await slices(
      { awardTypeGroups: ['grants', 'loans'], limit: 20 },
      'usaspending:award_year_2024',
    );
    const resumed = await slices(
      { awardTypeGroups: ['grants', 'loans'], limit: 20 },
      'usaspending:award_year_2024',
      all[1]?.cursor as Json,
    );
    expect(resumed.map((s) => s.records)).toEqual(all.slice(2).map((s) => s.records));
    const err = await slices(
      { awardTypeGroups: ['loans', 'grants'] },
      'usaspending:award_year_2024',
      all[1]?.cursor as Json,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FreshetError);
    expect(err).toMatchObject({ code: ErrorCodes.CHECKPOINT_MISMATCH });
    expect((err as Error).message).toContain('option awardTypeGroups is now [loans, grants]');
    await expect(slices({}, 'usaspending:award_year_2024', { offset: 3 })).rejects.toMatchObject({
      code: ErrorCodes.CHECKPOINT_MISMATCH,
    });
  });

  it('passes on the API notices worth reading, not the time-period one it always sends', () => {
    expect(
      notices([
        'For searches, time period start and end dates are currently limited to an earliest date of 2007-10-01.  For data going back to 2000-10-01, use either the Custom Award Download feature on the website or one of our download or bulk_download API endpoints as listed on https://api.usaspending.gov/docs/endpoints.',
        "The following filters from the request were not used: {'foo'}. See https://api.usaspending.gov/docs/endpoints for a list of appropriate filters",
      ]),
    ).toEqual([
      "The following filters from the request were not used: {'foo'}. See https://api.usaspending.gov/docs/endpoints for a list of appropriate filters",
    ]);
    expect(notices(undefined)).toEqual([]);
  });

  it('refuses a fiscal year before FY2008 without asking the API', async () => {
    sim.resetStats();
    await expect(slices({}, 'usaspending:award_year_2007')).rejects.toMatchObject({
      code: ErrorCodes.PARTITION_KEY_INVALID,
    });
    expect(sim.stats().requests).toBe(0);
  });
});
