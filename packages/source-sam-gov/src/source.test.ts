import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Http, type HttpRequest, silentLogger } from '@freshet/core';
import { fetchOneSlice } from '@freshet/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { batchFingerprint, batchUeis, emptyBitmap, hasBit, setBit } from './batches.js';
import { samGov, samGovCohorts } from './source.js';
import type { SamGovCursor } from './types.js';

/** n distinct well-formed UEIs, not in order. */
function ueis(n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => `${'ZYXWVUTSRQPN'[i % 12]}${String(100_000_000_00 + i * 7919).slice(-11)}`,
  );
}

describe('batches', () => {
  it('keeps a bitmap of 100 positions in 25 hex digits', () => {
    let map = emptyBitmap(100);
    expect(map).toHaveLength(25);
    for (const i of [0, 3, 4, 57, 99]) map = setBit(map, i);
    expect(Array.from({ length: 100 }, (_, i) => i).filter((i) => hasBit(map, i))).toEqual([0, 3, 4, 57, 99]);
  });

  it('cuts the sorted list into consecutive batches', () => {
    const list = ueis(250).sort();
    expect(batchUeis(list, 1, 100)).toEqual(list.slice(0, 100));
    expect(batchUeis(list, 3, 100)).toEqual(list.slice(200));
    expect(batchUeis(list, 4, 100)).toBeUndefined();
    expect(batchFingerprint(list.slice(0, 100))).not.toBe(batchFingerprint(list.slice(1, 101)));
  });
});

describe('listPartitions', () => {
  it('lists ceil(n / batchSize) batches over the configured UEIs, and the range asked for', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sam-src-'));
    const file = path.join(dir, 'ueis.txt');
    await writeFile(file, ueis(180).join('\n'));
    const source = samGov({ apiKey: 'k', ueiFile: file, ueis: ueis(250).slice(150) });
    const now = new Date();
    const all = await source.listPartitions({ options: source.options, now });
    expect(all.map((c) => c.key)).toEqual(['uei_batch_0001', 'uei_batch_0002', 'uei_batch_0003']);
    const some = await source.listPartitions({ options: source.options, now, range: '0002..0005' });
    expect(some.map((c) => c.key)).toEqual(['uei_batch_0002', 'uei_batch_0003']);
    const small = samGov({ apiKey: 'k', ueis: ueis(25), batchSize: 10 });
    expect(await small.listPartitions({ options: small.options, now })).toHaveLength(3);
  });

  it('reads other sources only through the engine, and then fetches from that list', async () => {
    const source = samGov({
      apiKey: 'k',
      ueisFromSources: [{ source: 'usaspending', field: 'recipient_uei' }],
    });
    const fromAwards = ueis(12);
    const listed = await source.listPartitions({
      options: source.options,
      now: new Date(),
      recordKeysOf: async function* (sourceId, field) {
        expect([sourceId, field]).toEqual(['usaspending', 'recipient_uei']);
        yield* fromAwards;
      },
    });
    expect(listed).toHaveLength(1);
    const asked: HttpRequest[] = [];
    const http: Http = {
      request: () => Promise.reject(new Error('unused')),
      json: async (req) => {
        asked.push(req);
        return {
          response: { status: 200, headers: {}, text: '', url: req.url, attempts: 1 },
          body: { totalRecords: 0, entityData: [] },
        };
      },
      stats: () => ({ calls: asked.length, retries: 0, throttled: 0 }),
    };
    const partition = {
      key: 'sam_gov:uei_batch_0001',
      source: 'sam_gov',
      cohort: samGovCohorts.fromOrdinal(1),
    };
    const result = await fetchOneSlice(source, { partition, http });
    expect(asked[0]?.query?.ueiSAM).toBe(`[${[...fromAwards].sort().join('~')}]`);
    expect(result).toMatchObject({ records: [], done: true, total: 0 });
    expect(result.notFound).toEqual([...fromAwards].sort());

    const fresh = samGov({
      apiKey: 'k',
      ueisFromSources: [{ source: 'usaspending', field: 'recipient_uei' }],
    });
    await expect(fetchOneSlice(fresh, { partition, http })).rejects.toThrow(
      /list the partitions before running them/,
    );
  });

  it('starts a partition over when its UEIs changed since its cursor was saved', async () => {
    const list = ueis(30).sort();
    const source = samGov({ apiKey: 'k', ueis: list, batchSize: 20 });
    const pages: number[] = [];
    const warnings: string[] = [];
    const http: Http = {
      request: () => Promise.reject(new Error('unused')),
      json: async (req) => {
        pages.push(Number(req.query?.page));
        return {
          response: { status: 200, headers: {}, text: '', url: req.url, attempts: 1 },
          body: { totalRecords: 20, entityData: [] },
        };
      },
      stats: () => ({ calls: pages.length, retries: 0, throttled: 0 }),
    };
    const slice = (cursor: SamGovCursor | null) =>
      fetchOneSlice(source, {
        partition: 'sam_gov:uei_batch_0001',
        cursor,
        http,
        logger: { ...silentLogger, warn: (_fields, message) => warnings.push(message) },
      });
    const same = await slice({ page: 1, found: emptyBitmap(20), batch: batchFingerprint(list.slice(0, 20)) });
    expect(same).toMatchObject({ done: true, cursor: { page: 2 } });
    const changed = await slice({ page: 1, found: emptyBitmap(20), batch: 'another-list' });
    expect(changed).toMatchObject({ done: false, cursor: { page: 1 } });
    expect(pages).toEqual([1, 0]);
    expect(warnings).toEqual([
      'the UEIs of sam_gov:uei_batch_0001 changed since it started; fetching it again from the first page',
    ]);
  });
});
