import {
  addMonths,
  federalFiscalYear,
  formatYmd,
  isoWeekLabel,
  isoWeekMonday,
  toEpochDay,
} from '../../sim/dates.js';
import { Rng, weightedPicker } from '../../sim/random.js';
import type { MutateOptions, MutationReport } from '../../sim/types.js';
import type { NihDatasetOptions, NihOrganization, NihWeek } from './types.js';
import {
  ACTIVITY_PROFILES,
  COMPANY_KINDS,
  COMPANY_ORG_TYPE,
  COMPANY_PREFIXES,
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  DEFAULT_ACTIVITY_WEIGHTS,
  DEPT_TYPES,
  FALLBACK_PROFILE,
  INSTITUTES,
  isSbirSttr,
  STATES,
  UNIVERSITY_ORG_TYPES,
  UNIVERSITY_PATTERNS,
  UNIVERSITY_PLACES,
} from './vocab.js';

export interface NihOrg {
  organization: NihOrganization;
  organizationType: { name: string; code: string; is_other: boolean };
  congDist: string;
  company: boolean;
  /** Upper-case name, for `org_names` matching. */
  upperName: string;
}

const DEFAULTS = {
  seed: 1,
  startDate: '2024-01-01',
  weeks: 8,
  projectsPerWeek: 150,
  hugeWeekProjects: 23_000,
} as const;

/** Application types of later support years: mostly non-competing continuations (5). */
const pickContinuationType = weightedPicker([
  [5, 80],
  [2, 10],
  [3, 5],
  [4, 5],
] as const);

function activityWeights(option: NihDatasetOptions['activityCodes']): Array<[string, number]> {
  if (option === undefined) return Object.entries(DEFAULT_ACTIVITY_WEIGHTS);
  if (Array.isArray(option)) return option.map((code) => [code, DEFAULT_ACTIVITY_WEIGHTS[code] ?? 5]);
  return Object.entries(option as Record<string, number>);
}

/**
 * The NIH projects of a seed, held as typed-array columns: enough to filter, sort and page
 * without building records. Full records are built on demand (`record.ts`) from the columns plus
 * a per-project PRNG, so 100,000 projects cost a few MB.
 */
export class NihDataset {
  readonly seed: number;
  readonly size: number;
  readonly weeks: NihWeek[];
  readonly codes: string[];
  readonly orgs: NihOrg[];
  /** Day after the last dataset week: `is_active` is judged against it, not the wall clock. */
  readonly asOfDay: number;

  readonly applId: Int32Array;
  readonly noticeDay: Int32Array;
  readonly fiscalYear: Uint16Array;
  /** 1 when the record's timestamps carry a zone (`…T12:12:00Z`), 0 for `…T00:00:00`. */
  readonly zoned: Uint8Array;
  readonly code: Uint8Array;
  readonly org: Uint32Array;
  readonly ic: Uint8Array;
  readonly serial: Int32Array;
  readonly supportYear: Uint8Array;
  readonly applType: Uint8Array;
  /** 0 none, 1 `A1` (resubmission), 2 `S1` (supplement). */
  readonly suffix: Uint8Array;
  readonly startDay: Int32Array;
  readonly budgetStartDay: Int32Array;
  // Mutable: `mutate` changes these, as an upstream revision would.
  readonly amount: Int32Array;
  readonly endDay: Int32Array;
  readonly budgetEndDay: Int32Array;
  /** Storage indexes in appl_id order: the default sort and the appl_id look-up. */
  readonly byApplId: Int32Array;
  /** Bumped by every `mutate`, so cached searches know they are stale. */
  version = 0;

  constructor(options: NihDatasetOptions = {}) {
    this.seed = options.seed ?? DEFAULTS.seed;
    const rng = new Rng(this.seed);
    const firstMonday = isoWeekMonday(toEpochDay(options.startDate ?? DEFAULTS.startDate));
    const weekCount = options.weeks ?? DEFAULTS.weeks;
    const huge = new Set(options.hugeWeeks ?? []);
    const perWeek = options.projectsPerWeek ?? DEFAULTS.projectsPerWeek;
    const hugeSize = options.hugeWeekProjects ?? DEFAULTS.hugeWeekProjects;

    this.weeks = [];
    let size = 0;
    for (let w = 0; w < weekCount; w++) {
      const monday = firstMonday + 7 * w;
      const projects = huge.has(w)
        ? hugeSize
        : Math.max(0, Math.floor(typeof perWeek === 'number' ? perWeek : perWeek(w, formatYmd(monday))));
      this.weeks.push({
        index: w,
        isoWeek: isoWeekLabel(monday),
        from: formatYmd(monday),
        to: formatYmd(monday + 6),
        projects,
        huge: huge.has(w),
      });
      size += projects;
    }
    this.size = size;
    this.asOfDay = firstMonday + 7 * weekCount;

    const weights = activityWeights(options.activityCodes);
    this.codes = weights.map(([code]) => code);
    if (this.codes.length === 0 || this.codes.length > 255)
      throw new RangeError('activityCodes: give 1 to 255 codes');
    const pickCode = weightedPicker(weights.map(([, weight], i) => [i, weight] as const));

    this.orgs = makeOrgs(Rng.derive(this.seed, 'orgs'), size);
    const companies: number[] = [];
    const universities: number[] = [];
    for (const [i, org] of this.orgs.entries()) (org.company ? companies : universities).push(i);

    this.applId = new Int32Array(size);
    this.noticeDay = new Int32Array(size);
    this.fiscalYear = new Uint16Array(size);
    this.zoned = new Uint8Array(size);
    this.code = new Uint8Array(size);
    this.org = new Uint32Array(size);
    this.ic = new Uint8Array(size);
    this.serial = new Int32Array(size);
    this.supportYear = new Uint8Array(size);
    this.applType = new Uint8Array(size);
    this.suffix = new Uint8Array(size);
    this.startDay = new Int32Array(size);
    this.budgetStartDay = new Int32Array(size);
    this.amount = new Int32Array(size);
    this.endDay = new Int32Array(size);
    this.budgetEndDay = new Int32Array(size);

    const pickWeekday = weightedPicker([
      [0, 24],
      [1, 24],
      [2, 24],
      [3, 24],
      [4, 24],
      [5, 2],
      [6, 2],
    ] as const);
    const fyByDay = new Map<number, number>();
    let nextId = 9_800_000 + rng.int(0, 99_999);
    let i = 0;
    for (const week of this.weeks) {
      const monday = toEpochDay(week.from);
      // Ids rise week by week but are shuffled inside a week, so appl_id order is not date order.
      const ids: number[] = [];
      for (let k = 0; k < week.projects; k++) {
        nextId += rng.int(1, 40);
        ids.push(nextId);
      }
      rng.shuffle(ids);
      for (const id of ids) {
        const code = pickCode(rng);
        const codeName = this.codes[code] as string;
        const profile = ACTIVITY_PROFILES[codeName] ?? FALLBACK_PROFILE;
        const sbir = isSbirSttr(codeName);
        const day = monday + pickWeekday(rng);
        const supportYear = profile.maxYears === 1 || rng.chance(0.5) ? 1 : rng.int(2, profile.maxYears);
        const applType: number = supportYear === 1 ? (rng.chance(0.92) ? 1 : 3) : pickContinuationType(rng);
        const budgetStart = day + rng.int(0, 30);
        const start = addMonths(budgetStart, -12 * (supportYear - 1));
        const months = Math.max(rng.int(profile.months[0], profile.months[1]), 12 * (supportYear - 1) + 6);
        const end = addMonths(start, months) - 1;

        this.applId[i] = id;
        this.noticeDay[i] = day;
        let fy = fyByDay.get(day);
        if (fy === undefined) {
          fy = federalFiscalYear(day);
          fyByDay.set(day, fy);
        }
        this.fiscalYear[i] = fy;
        this.zoned[i] = rng.chance(0.35) ? 1 : 0;
        this.code[i] = code;
        this.org[i] =
          sbir || companies.length === 0 || (rng.chance(0.15) && universities.length > 0)
            ? rng.pick(companies.length > 0 ? companies : universities)
            : rng.pick(universities.length > 0 ? universities : companies);
        this.ic[i] = rng.int(0, INSTITUTES.length - 1);
        this.serial[i] = rng.int(1, 999_999);
        this.supportYear[i] = supportYear;
        this.applType[i] = applType;
        this.suffix[i] = applType === 3 ? 2 : applType <= 2 && rng.chance(0.15) ? 1 : 0;
        this.startDay[i] = start;
        this.budgetStartDay[i] = budgetStart;
        this.amount[i] = rng.int(profile.amount[0], profile.amount[1]);
        this.endDay[i] = end;
        this.budgetEndDay[i] = Math.min(addMonths(budgetStart, 12) - 1, end);
        i++;
      }
    }

    const order = Array.from({ length: size }, (_, k) => k);
    order.sort((a, b) => (this.applId[a] as number) - (this.applId[b] as number));
    this.byApplId = Int32Array.from(order);
  }

  /** Storage index of an appl_id, by binary search over `byApplId`. */
  indexOf(applId: number): number | undefined {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const idx = this.byApplId[mid] as number;
      const id = this.applId[idx] as number;
      if (id === applId) return idx;
      if (id < applId) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** `date_added`: a few days after the notice, derived so filters need no stored column. */
  addedDay(i: number): number {
    return (this.noticeDay[i] as number) + 1 + ((this.applId[i] as number) % 9);
  }

  codeOf(i: number): string {
    return this.codes[this.code[i] as number] as string;
  }

  projectNum(i: number): string {
    const applType = this.applType[i] as number;
    const [ic] = INSTITUTES[this.ic[i] as number] as readonly [string, string, string];
    const suffix = ['', 'A1', 'S1'][this.suffix[i] as number] ?? '';
    return `${applType}${this.codeOf(i)}${ic}${String(this.serial[i]).padStart(6, '0')}-${String(this.supportYear[i]).padStart(2, '0')}${suffix}`;
  }

  /**
   * Changes `round(fraction × size)` projects: a new award amount (never the old one) and a
   * later project and budget end (an extension). Award notice dates stay, so projects keep
   * their week cohort and delta detection sees changed payloads, not moved records.
   */
  mutate({ fraction, seed }: MutateOptions): MutationReport<number> {
    const rng = Rng.derive(this.seed, 'mutate', seed, this.version);
    const chosen = rng.sample(this.size, Math.round(fraction * this.size));
    for (const i of chosen) {
      const old = this.amount[i] as number;
      const delta = rng.int(1_000, 75_000);
      this.amount[i] = old - delta >= 10_000 && rng.chance(0.5) ? old - delta : old + delta;
      const shift = rng.int(30, 365);
      this.endDay[i] = (this.endDay[i] as number) + shift;
      this.budgetEndDay[i] = (this.budgetEndDay[i] as number) + shift;
    }
    this.version++;
    return { changed: chosen.map((i) => this.applId[i] as number).sort((a, b) => a - b) };
  }
}

function makeOrgs(rng: Rng, projects: number): NihOrg[] {
  const companies = Math.min(50_000, Math.max(20, Math.ceil(projects / 20)));
  // Few universities, many small businesses: as among real SBIR/STTR and R01 awardees.
  const universities = Math.min(
    UNIVERSITY_PATTERNS.length * UNIVERSITY_PLACES.length,
    Math.max(8, Math.ceil(projects / 150)),
  );
  const seen = new Set<string>();
  const orgs: NihOrg[] = [];
  const unique = (make: () => string): string => {
    let name = make();
    for (let tries = 0; seen.has(name) && tries < 8; tries++) name = make();
    // A large pool runs out of short names: number the rest, as "... II" would read.
    for (let n = 2; seen.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    seen.add(name);
    return name;
  };
  for (let i = 0; i < companies + universities; i++) {
    const company = i < companies;
    const [state, cities] = rng.pick(STATES);
    const city = rng.pick(cities);
    const name = company
      ? unique(
          () =>
            `${rng.pick(COMPANY_PREFIXES)}${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_KINDS)}${rng.pick(COMPANY_SUFFIXES)}`,
        )
      : unique(() => rng.pick(UNIVERSITY_PATTERNS)(rng.pick(UNIVERSITY_PLACES)));
    const duns = rng.digits(9);
    const uei = rng.uei();
    const ipf = String(rng.int(1_000_000, 9_999_999));
    orgs.push({
      organization: {
        org_name: name,
        city: null,
        country: null,
        org_city: city,
        org_country: 'UNITED STATES',
        org_state: state,
        org_state_name: null,
        dept_type: company ? 'NONE' : rng.pick(DEPT_TYPES),
        fips_country_code: null,
        org_duns: [duns],
        org_ueis: [uei],
        primary_duns: duns,
        primary_uei: uei,
        org_fips: 'US',
        org_ipf_code: ipf,
        org_zipcode: rng.digits(9),
        external_org_id: Number(ipf),
      },
      organizationType: company ? { ...COMPANY_ORG_TYPE } : { ...rng.pick(UNIVERSITY_ORG_TYPES) },
      congDist: `${state}-${String(rng.int(1, 12)).padStart(2, '0')}`,
      company,
      upperName: name.toUpperCase(),
    });
  }
  return orgs;
}
