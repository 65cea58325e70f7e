import { DAY_MS, formatYmd, parseYmd } from '../../sim/dates.js';
import { Rng, weightedPicker } from '../../sim/random.js';
import type { MutateOptions, MutationReport } from '../../sim/types.js';
import type { PatentsViewDatasetOptions, PatentsViewMonth, PatentType } from './types.js';

const DEFAULTS = {
  seed: 1,
  startMonth: '2024-01',
  months: 3,
  patentsPerMonth: 1200,
  withdrawnShare: 0.005,
} as const;

export const PATENT_TYPES: readonly PatentType[] = ['utility', 'design', 'plant', 'reissue'];
const TYPE_PREFIX = ['', 'D', 'PP', 'RE'] as const;
/** Rough shares of a weekly issue: utility, design, plant, reissue. */
const pickType = weightedPicker([
  [0, 86],
  [1, 11.5],
  [2, 1],
  [3, 1.5],
] as const);

/**
 * Numbers of the first patent of each type granted on a day, to place a dataset anywhere in
 * 1976..2026 with plausible ids: [epoch-day anchor, utility, design, plant, reissue].
 * 2000-01-04 fits the recorded sample (utility 6,009,555 granted that day).
 */
const NUMBER_ANCHORS: ReadonlyArray<readonly [string, number, number, number, number]> = [
  ['1976-01-06', 3_930_271, 238_000, 3_800, 28_700],
  ['1990-01-02', 4_890_000, 305_000, 7_100, 33_100],
  ['2000-01-04', 6_009_555, 418_500, 11_120, 36_550],
  ['2010-01-05', 7_640_000, 607_000, 20_600, 41_100],
  ['2018-06-19', 10_000_000, 820_000, 29_400, 46_900],
  ['2024-01-02', 11_857_000, 1_010_000, 35_700, 49_800],
  ['2026-12-29', 12_950_000, 1_140_000, 38_900, 50_900],
];

function numbersAt(day: number): [number, number, number, number] {
  const anchors = NUMBER_ANCHORS.map(([ymd, ...n]) => [parseYmd(ymd) as number, ...n] as const);
  let lo = anchors[0]!;
  let hi = anchors[anchors.length - 1]!;
  for (let k = 0; k + 1 < anchors.length; k++) {
    if (day >= anchors[k]![0] && day <= anchors[k + 1]![0]) {
      lo = anchors[k]!;
      hi = anchors[k + 1]!;
    }
  }
  const t = hi[0] === lo[0] ? 0 : Math.min(1, Math.max(0, (day - lo[0]) / (hi[0] - lo[0])));
  const at = (j: 1 | 2 | 3 | 4) => Math.round(lo[j] + t * (hi[j] - lo[j]));
  return [at(1), at(2), at(3), at(4)];
}

/**
 * The patent_id with its numeric part left-padded to 8 characters (`6009555` → `06009555`,
 * `PP35800` → `PP035800`): the form `o.pad_patent_id: true` shows, filters and sorts on.
 */
export function padPatentId(id: string): string {
  const match = /^([A-Z]*)(\d+)$/.exec(id);
  if (!match) return id;
  const [, prefix = '', digits = ''] = match;
  return prefix + digits.padStart(8 - prefix.length, '0');
}

/** Elasticsearch compares keywords by their bytes: `10000000` < `9999999` < `D1000000`. */
export function compareKeyword(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function monthLabel(year: number, month0: number): string {
  return `${year}-${String(month0 + 1).padStart(2, '0')}`;
}

/**
 * The patents of a seed, held as columns: enough to filter, sort and page without building
 * records. Full records are built on demand (`record.ts`) from the columns and a PRNG seeded
 * by the patent id, so they are the same on every read.
 */
export class PatentsViewDataset {
  readonly seed: number;
  readonly size: number;
  readonly months: PatentsViewMonth[];
  readonly ids: string[];
  readonly paddedIds: string[];
  /** Grant day (epoch days), always a Tuesday. */
  readonly day: Int32Array;
  /** Index into PATENT_TYPES. */
  readonly type: Uint8Array;
  readonly withdrawn: Uint8Array;
  /** Mutable: `mutate` adds citations, as later patents cite earlier ones. */
  readonly citedBy: Int32Array;
  /** Storage indexes in patent_id keyword order, unpadded and padded. */
  readonly byId: Int32Array;
  readonly byPaddedId: Int32Array;
  readonly #index = new Map<string, number>();
  /** Bumped by every `mutate`, so cached searches know they are stale. */
  version = 0;

  constructor(options: PatentsViewDatasetOptions = {}) {
    this.seed = options.seed ?? DEFAULTS.seed;
    const start = /^(\d{4})-(\d{2})$/.exec(options.startMonth ?? DEFAULTS.startMonth);
    if (!start) throw new RangeError(`startMonth must be YYYY-MM, got ${options.startMonth}`);
    const monthCount = options.months ?? DEFAULTS.months;
    const perMonth = options.patentsPerMonth ?? DEFAULTS.patentsPerMonth;
    const withdrawnShare = options.withdrawnShare ?? DEFAULTS.withdrawnShare;
    const rng = new Rng(this.seed);

    const ids: string[] = [];
    const days: number[] = [];
    const types: number[] = [];
    const withdrawn: number[] = [];
    this.months = [];
    let year = Number(start[1]);
    let month0 = Number(start[2]) - 1;
    let next: [number, number, number, number] | undefined;
    for (let m = 0; m < monthCount; m++) {
      const label = monthLabel(year, month0);
      const first = Date.UTC(year, month0, 1) / DAY_MS;
      const last = Date.UTC(year, month0 + 1, 0) / DAY_MS;
      const tuesdays: number[] = [];
      // 1970-01-01 was a Thursday: (day + 4) % 7 is 2 on Tuesdays.
      for (let d = first; d <= last; d++) if ((d + 4) % 7 === 2) tuesdays.push(d);
      const count = Math.max(0, Math.floor(typeof perMonth === 'number' ? perMonth : perMonth(m, label)));
      next ??= numbersAt(tuesdays[0] ?? first);
      let monthWithdrawn = 0;
      for (const [t, tuesday] of tuesdays.entries()) {
        const onDay = Math.floor(count / tuesdays.length) + (t < count % tuesdays.length ? 1 : 0);
        const perType = [0, 0, 0, 0];
        for (let k = 0; k < onDay; k++) perType[pickType(rng)]! += 1;
        // An issue numbers each type consecutively: utility patents first, then designs, …
        for (let type = 0; type < 4; type++) {
          for (let k = 0; k < perType[type]!; k++) {
            ids.push(`${TYPE_PREFIX[type]}${next[type]!++}`);
            days.push(tuesday);
            types.push(type);
            const gone = rng.chance(withdrawnShare) ? 1 : 0;
            monthWithdrawn += gone;
            withdrawn.push(gone);
          }
        }
      }
      this.months.push({
        index: m,
        month: label,
        first: formatYmd(first),
        last: formatYmd(last),
        tuesdays: tuesdays.map(formatYmd),
        patents: count,
        withdrawn: monthWithdrawn,
      });
      month0++;
      if (month0 === 12) {
        month0 = 0;
        year++;
      }
    }

    this.size = ids.length;
    this.ids = ids;
    this.paddedIds = ids.map(padPatentId);
    this.day = Int32Array.from(days);
    this.type = Uint8Array.from(types);
    this.withdrawn = Uint8Array.from(withdrawn);
    this.citedBy = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      this.#index.set(ids[i]!, i);
      this.citedBy[i] = Rng.derive(this.seed, 'cited', ids[i]!).int(0, 12);
    }
    const order = (keys: string[]) =>
      Int32Array.from(
        Array.from({ length: this.size }, (_, i) => i).sort((a, b) => compareKeyword(keys[a]!, keys[b]!)),
      );
    this.byId = order(this.ids);
    this.byPaddedId = order(this.paddedIds);
  }

  indexOf(patentId: string): number | undefined {
    return this.#index.get(patentId) ?? this.#index.get(unpad(patentId));
  }

  typeOf(i: number): PatentType {
    return PATENT_TYPES[this.type[i]!]!;
  }

  month(label: string): PatentsViewMonth | undefined {
    return this.months.find((m) => m.month === label);
  }

  /**
   * Adds citations to `round(fraction × size)` patents (a newer patent cited them). Grant dates
   * never move, so patents stay in their month and a refresh sees changed payloads.
   */
  mutate({ fraction, seed }: MutateOptions): MutationReport<string> {
    const rng = Rng.derive(this.seed, 'mutate', seed, this.version);
    const chosen = rng.sample(this.size, Math.round(fraction * this.size));
    for (const i of chosen) this.citedBy[i] = this.citedBy[i]! + rng.int(1, 25);
    this.version++;
    return { changed: chosen.map((i) => this.ids[i]!).sort(compareKeyword) };
  }
}

function unpad(id: string): string {
  const match = /^([A-Z]*)0*(\d+)$/.exec(id);
  return match ? `${match[1]}${match[2]}` : id;
}
