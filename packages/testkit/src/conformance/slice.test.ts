import {
  defineSource,
  type Http,
  type SliceRequest,
  silentLogger,
  systemClock,
  yearCohorts,
} from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { fetchOneSlice } from './slice.js';

const cohort = yearCohorts({ prefix: 'award_year', fiscal: false });
const http = {
  request: async () => undefined,
  json: async () => undefined,
  stats: () => undefined,
} as unknown as Http;

function echoSource() {
  const seen: Array<SliceRequest<{ rows: number }, { page: number }>> = [];
  const source = defineSource<{ rows: number }, string, { page: number }>({
    id: 'echo',
    cohort,
    quota: {
      maxConcurrent: 1,
      requestsPerInterval: 1,
      intervalMs: 1,
      dailyBudget: null,
      timeoutMs: 1,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    },
    sla: '1d',
    options: { rows: 5 },
    async listPartitions() {
      return [];
    },
    async fetchSlice(request) {
      seen.push(request);
      const page = request.cursor?.page ?? 0;
      return { records: [`${request.partition.key}#${page}`], cursor: { page: page + 1 }, done: page >= 1 };
    },
    recordKey: (record) => record,
  });
  return { source, seen };
}

describe('fetchOneSlice', () => {
  it('makes the first slice of a partition given by key, as the engine would', async () => {
    const { source, seen } = echoSource();
    const result = await fetchOneSlice(source, { partition: 'echo:award_year_2024', http });
    expect(result).toEqual({ records: ['echo:award_year_2024#0'], cursor: { page: 1 }, done: false });
    const [request] = seen;
    expect(request).toMatchObject({
      partition: { key: 'echo:award_year_2024', source: 'echo', cohort: cohort.parse('award_year_2024') },
      cursor: null,
      options: { rows: 5 },
      http,
      logger: silentLogger,
      clock: systemClock,
    });
    expect(request!.signal.aborted).toBe(false);
  });

  it('takes a parsed partition, a cursor and anything else of the request as given', async () => {
    const { source, seen } = echoSource();
    const partition = { key: 'echo:award_year_2023', source: 'echo', cohort: cohort.fromOrdinal(2023) };
    const signal = new AbortController().signal;
    const result = await fetchOneSlice(source, {
      partition,
      cursor: { page: 1 },
      options: { rows: 9 },
      http,
      signal,
    });
    expect(result.done).toBe(true);
    expect(seen[0]).toMatchObject({ partition, cursor: { page: 1 }, options: { rows: 9 } });
    expect(seen[0]!.signal).toBe(signal);
  });
});
