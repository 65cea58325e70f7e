import { parseYmd } from '../../sim/dates.js';
import { CODES, type UsaspendingDataset } from './dataset.js';
import { type SortKind, sortValue } from './record.js';
import type { ParsedFilters } from './request.js';

/** A position in a sorted result: the sort value and the internal id that breaks ties. */
export interface SortKey {
  value: string | number | null;
  id: number;
}

export interface Sorting {
  field: string;
  kind: SortKind;
  descending: boolean;
}

function day(ymd: string): number {
  return parseYmd(ymd) as number;
}

/** A predicate over storage indexes for `filters`. */
export function compileFilters(ds: UsaspendingDataset, f: ParsedFilters): (i: number) => boolean {
  const tests: Array<(i: number) => boolean> = [];
  if (f.awardTypeCodes) {
    const codes = new Set(f.awardTypeCodes.map((code) => CODES.indexOf(code)).filter((k) => k >= 0));
    tests.push((i) => codes.has(ds.code[i] as number));
  }
  if (f.timePeriods) {
    const periods = f.timePeriods.map((p) => ({ start: day(p.start), end: day(p.end), type: p.dateType }));
    tests.push((i) =>
      periods.some(({ start, end, type }) => {
        // Without date_type the API compares action_date to the start and date_signed to the end.
        const from =
          type === null || type === 'action_date'
            ? ds.actionDay[i]
            : type === 'last_modified_date'
              ? ds.modifiedDay[i]
              : ds.signedDay[i];
        const to =
          type === null || type === 'date_signed' || type === 'new_awards_only'
            ? ds.signedDay[i]
            : type === 'last_modified_date'
              ? ds.modifiedDay[i]
              : ds.actionDay[i];
        return (from as number) >= start && (to as number) <= end;
      }),
    );
  }
  if (f.keywords) {
    const words = f.keywords.map((k) => k.toUpperCase());
    tests.push((i) => {
      const haystacks = [
        (ds.description[i] as string).toUpperCase(),
        ds.recipientOf(i).upperName,
        (ds.awardId[i] as string).toUpperCase(),
      ];
      return words.some((w) => haystacks.some((h) => h.includes(w)));
    });
  }
  if (f.agencies) {
    const agencies = f.agencies;
    tests.push((i) =>
      agencies.some((a) => {
        const office =
          a.type === 'awarding' ? { toptier: ds.toptierOf(i), subtier: ds.subtierOf(i) } : ds.fundingOf(i);
        if (!office) return false;
        if (a.tier === 'toptier') return office.toptier.name === a.name;
        return (
          office.subtier.name === a.name &&
          (a.toptierName === undefined || office.toptier.name === a.toptierName)
        );
      }),
    );
  }
  if (f.recipientSearchText) {
    const texts = f.recipientSearchText.map((t) => t.toUpperCase());
    tests.push((i) => {
      const r = ds.recipientOf(i);
      return texts.some((t) => r.upperName.includes(t) || r.uei === t || r.duns === t);
    });
  }
  if (f.recipientTypeNames) {
    const names = new Set(f.recipientTypeNames);
    tests.push((i) => ds.recipientOf(i).categories.some((c) => names.has(c)));
  }
  if (f.programNumbers) {
    const programs = new Set(f.programNumbers);
    tests.push((i) => {
      const listing = ds.listingOf(i);
      return listing !== null && programs.has(listing[0]);
    });
  }
  if (f.awardIds) {
    const ids = f.awardIds.map((id) => id.replace(/^"(.*)"$/, '$1').toUpperCase());
    tests.push((i) => ids.includes((ds.awardId[i] as string).toUpperCase()));
  }
  if (f.awardAmounts) {
    const ranges = f.awardAmounts;
    tests.push((i) =>
      ranges.some(([lo, hi]) => (ds.amount[i] as number) >= lo && (ds.amount[i] as number) <= hi),
    );
  }
  return (i) => tests.every((t) => t(i));
}

/** Canonical text of the filters, for caching. */
export function filtersKey(f: ParsedFilters): string {
  return JSON.stringify(f, (_key, value: unknown) => {
    if (value === Number.POSITIVE_INFINITY) return 'inf';
    if (value === Number.NEGATIVE_INFINITY) return '-inf';
    return value;
  });
}

/** Orders keys as the API's Elasticsearch sort does: the field, then internal id, both in `order`; nulls last. */
export function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a.value === null || b.value === null) {
    if (a.value !== null) return -1;
    if (b.value !== null) return 1;
  } else if (a.value !== b.value) {
    const c = a.value < b.value ? -1 : 1;
    return descending ? -c : c;
  }
  const c = a.id - b.id;
  return descending ? -c : c;
}

export interface SortedHits {
  /** Storage indexes in sort order. */
  order: Int32Array;
  keys: SortKey[];
}

export function search(
  ds: UsaspendingDataset,
  filters: ParsedFilters,
  sorting: Pick<Sorting, 'field' | 'descending'>,
): SortedHits {
  const match = compileFilters(ds, filters);
  const hits: number[] = [];
  for (let i = 0; i < ds.size; i++) if (match(i)) hits.push(i);
  const keys = new Map<number, SortKey>();
  for (const i of hits)
    keys.set(i, { value: sortValue(ds, i, sorting.field), id: ds.internalId[i] as number });
  hits.sort((a, b) => compareKeys(keys.get(a) as SortKey, keys.get(b) as SortKey, sorting.descending));
  return { order: Int32Array.from(hits), keys: hits.map((i) => keys.get(i) as SortKey) };
}

/** Index of the first hit strictly after `after` in the sort order (search_after). */
export function searchAfter(hits: SortedHits, after: SortKey, descending: boolean): number {
  let lo = 0;
  let hi = hits.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(hits.keys[mid] as SortKey, after, descending) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Remembers recent searches: a client pages one filter set many times over. */
export class SearchCache {
  readonly #entries = new Map<string, SortedHits>();

  constructor(
    private readonly ds: UsaspendingDataset,
    private readonly capacity = 16,
  ) {}

  get(filters: ParsedFilters, sorting: Pick<Sorting, 'field' | 'descending'>): SortedHits {
    // The version makes entries from before a `mutate` (new amounts and dates) miss.
    const key = `${this.ds.version}|${sorting.field}|${sorting.descending}|${filtersKey(filters)}`;
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const result = search(this.ds, filters, sorting);
    this.#entries.set(key, result);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return result;
  }
}
