import type { Store } from '@freshet/core';
import { type NihSimulator, type NihWeek, startNihSimulator } from '@freshet/testkit';
import { expect } from 'vitest';
import { type ProxiedRequest, type RecordingProxy, startRecordingProxy } from './proxy.js';

/** An NIH RePORTER simulator (rate limit off) with a recording proxy in front of it. */
export interface NihFixture {
  sim: NihSimulator;
  proxy: RecordingProxy;
  /** The dataset's ISO weeks, 2025-W09 to 2025-W13 by default. */
  weeks: NihWeek[];
  close(): Promise<void>;
}

/** A small dataset: about a dozen SBIR/STTR projects a week, so a week is three slices of 5. */
export async function startNih(
  options: { weeks?: number; projectsPerWeek?: number } = {},
): Promise<NihFixture> {
  const sim = await startNihSimulator({
    seed: 7,
    startDate: '2025-02-24',
    weeks: options.weeks ?? 5,
    projectsPerWeek: options.projectsPerWeek ?? 16,
    rateLimit: null,
  });
  const proxy = await startRecordingProxy(sim.baseUrl);
  return {
    sim,
    proxy,
    weeks: sim.weeks(),
    async close() {
      await proxy.close();
      await sim.close();
    },
  };
}

/** `nih:project_week_<isoWeek>`. */
export const partitionKey = (isoWeek: string) => `nih:project_week_${isoWeek}`;

type SearchBody = { criteria?: { award_notice_date?: { from_date?: string } }; offset?: number };

/** The ISO week a search request asks for (its award notice window's Monday). */
export function weekOf(fixture: NihFixture, request: ProxiedRequest): string {
  const from = (request.body as SearchBody | undefined)?.criteria?.award_notice_date?.from_date;
  const week = fixture.weeks.find((w) => w.from === from);
  if (!week)
    throw new Error(`request #${request.seq} asks for no dataset week: ${JSON.stringify(request.body)}`);
  return week.isoWeek;
}

/** The page a search request asks for: `<isoWeek>@<offset>`. */
export function pageOf(fixture: NihFixture, request: ProxiedRequest): string {
  return `${weekOf(fixture, request)}@${(request.body as SearchBody).offset ?? 0}`;
}

/** How many times each page was asked for. */
export function countPages(fixture: NihFixture, requests: readonly ProxiedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const page = pageOf(fixture, request);
    counts.set(page, (counts.get(page) ?? 0) + 1);
  }
  return counts;
}

/** The appl_ids the API has for a week, as the adapter asks for it (SBIR/STTR codes). */
export function truthIds(fixture: NihFixture, isoWeek: string): number[] {
  const index = fixture.weeks.findIndex((w) => w.isoWeek === isoWeek);
  if (index < 0) throw new Error(`no dataset week ${isoWeek}`);
  return fixture.sim.truthApplIds(fixture.sim.weekCriteria(index));
}

/**
 * The store holds exactly the simulator's records of `isoWeeks`: each once, at revision 1 (written
 * once, never rewritten), in its partition, with the API's payload.
 */
export async function expectStoreMatchesTruth(
  store: Store,
  fixture: NihFixture,
  isoWeeks: readonly string[],
): Promise<number> {
  let total = 0;
  for (const isoWeek of isoWeeks) {
    const ids = truthIds(fixture, isoWeek);
    expect(ids.length, `${isoWeek} has projects in the dataset`).toBeGreaterThan(0);
    expect(await store.countRecords({ partitionKey: partitionKey(isoWeek) }), isoWeek).toBe(ids.length);
    for (const id of ids) {
      const record = await store.getRecord('nih', String(id));
      expect(record, `record ${id}`).toMatchObject({ partitionKey: partitionKey(isoWeek), revision: 1 });
      expect(record?.payload, `record ${id}`).toEqual(fixture.sim.project(id));
    }
    total += ids.length;
  }
  expect(await store.countRecords({ source: 'nih' })).toBe(total);
  return total;
}
