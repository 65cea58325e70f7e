import { DAY_MS, formatYmd } from '../../sim/dates.js';
import { Rng, weightedPicker } from '../../sim/random.js';
import type { MutateOptions, MutationReport } from '../../sim/types.js';
import type { UsaspendingDatasetOptions, UsaspendingFiscalYear, UsaspendingGroupCounts } from './types.js';
import {
  ASSISTANCE_LISTINGS,
  AWARD_TYPE_GROUPS,
  type AwardTypeGroup,
  CODE_WEIGHTS,
  COMPANY_KINDS,
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  DESCRIPTION_LEADS,
  DESCRIPTION_PURPOSES,
  DESCRIPTION_THINGS,
  GOVERNMENTS,
  GROUP_CODES,
  MULTIPLE_RECIPIENTS,
  NAICS,
  PSC,
  RECIPIENT_KINDS,
  type RecipientKind,
  STATES,
  type Subtier,
  TOPTIERS,
  type Toptier,
  UNIVERSITIES,
} from './vocab.js';

/** The earliest fiscal year the search endpoints cover (time periods start 2007-10-01). */
export const FIRST_SEARCHABLE_FISCAL_YEAR = 2008;

const DEFAULT_PER_YEAR: Readonly<Record<AwardTypeGroup, number>> = {
  contracts: 240,
  idvs: 40,
  grants: 180,
  direct_payments: 60,
  loans: 40,
  other: 20,
};

const LARGE_COMPANIES = [
  'LOCKHEED MARTIN CORPORATION',
  'BOOZ ALLEN HAMILTON INC.',
  'GENERAL DYNAMICS INFORMATION TECHNOLOGY, INC.',
  'LEIDOS, INC.',
  'THE BOEING COMPANY',
  'RAYTHEON COMPANY',
  'MCKESSON CORPORATION',
  'DELOITTE CONSULTING LLP',
  'NORTHROP GRUMMAN SYSTEMS CORPORATION',
  'HUMANA GOVERNMENT BUSINESS, INC.',
];

const RECIPIENT_MIX: Readonly<Record<AwardTypeGroup, ReadonlyArray<readonly [RecipientKind, number]>>> = {
  contracts: [
    ['company', 55],
    ['large_company', 35],
    ['university', 10],
  ],
  idvs: [
    ['company', 50],
    ['large_company', 50],
  ],
  grants: [
    ['university', 60],
    ['company', 15],
    ['government', 25],
  ],
  direct_payments: [
    ['individual', 50],
    ['government', 30],
    ['company', 20],
  ],
  loans: [
    ['company', 70],
    ['individual', 30],
  ],
  other: [
    ['individual', 60],
    ['company', 40],
  ],
};

/** log10 range of the award amount (Loan Value for loans), per group. */
const AMOUNT_RANGE: Readonly<Record<AwardTypeGroup, readonly [number, number]>> = {
  contracts: [3, 7.3],
  idvs: [4, 8],
  grants: [4, 6.7],
  direct_payments: [3, 7.5],
  loans: [4, 6.5],
  other: [3, 6],
};

const COVID_DEFC = ['L', 'M', 'N', 'O', 'P', 'U', 'V'];
const IIJA_DEFC = ['Z', '1'];

export interface UsaspendingRecipient {
  name: string;
  upperName: string;
  uei: string | null;
  duns: string | null;
  kind: RecipientKind;
  categories: readonly string[];
  /** `recipient_id`: profile hash and level. */
  recipientId: string | null;
  state: string;
  city: string;
}

export const CODES: readonly string[] = AWARD_TYPE_GROUPS.flatMap((group) => GROUP_CODES[group]);

function groupIndex(group: AwardTypeGroup): number {
  return AWARD_TYPE_GROUPS.indexOf(group);
}

/** October 1 of the previous calendar year and September 30, as epoch days. */
export function fiscalYearDays(fiscalYear: number): [number, number] {
  return [Date.UTC(fiscalYear - 1, 9, 1) / DAY_MS, Date.UTC(fiscalYear, 8, 30) / DAY_MS];
}

function perYear(
  option: UsaspendingDatasetOptions['awardsPerYear'],
): (fy: number, group: AwardTypeGroup) => number {
  if (option === undefined) return (_fy, group) => DEFAULT_PER_YEAR[group];
  if (typeof option === 'number') return () => option;
  if (typeof option === 'function') return option;
  return (_fy, group) => option[group] ?? DEFAULT_PER_YEAR[group];
}

function emptyCounts(): UsaspendingGroupCounts {
  return { contracts: 0, direct_payments: 0, grants: 0, idvs: 0, loans: 0, other: 0 };
}

function uuid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-5${hex(3)}-${'89ab'[rng.int(0, 3)]}${hex(3)}-${hex(12)}`;
}

function alnum(rng: Rng, n: number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < n; i++) out += chars[rng.int(0, chars.length - 1)];
  return out;
}

/**
 * The awards of a seed, as columns: enough to filter, sort and page without building rows.
 * Rows (`record.ts`) are built from the columns on demand.
 */
export class UsaspendingDataset {
  readonly seed: number;
  readonly size: number;
  readonly years: UsaspendingFiscalYear[];
  readonly recipients: UsaspendingRecipient[];

  readonly internalId: Int32Array;
  /** Index into AWARD_TYPE_GROUPS. */
  readonly group: Uint8Array;
  /** Index into CODES. */
  readonly code: Uint8Array;
  readonly toptier: Uint8Array;
  readonly subtier: Uint8Array;
  /** -1: no funding agency on record. */
  readonly fundingToptier: Int16Array;
  readonly fundingSubtier: Uint8Array;
  readonly recipient: Int32Array;
  /** 1 for aggregate records (`ASST_AGG_…`, many individual recipients). */
  readonly aggregate: Uint8Array;
  /** `action_date`: the latest transaction's date; the fiscal-year cohort key. Never mutated. */
  readonly actionDay: Int32Array;
  /** `date_signed`: the base transaction's date. */
  readonly signedDay: Int32Array;
  readonly startDay: Int32Array;
  readonly endDay: Int32Array;
  readonly modifiedDay: Int32Array;
  /** Award Amount (total obligation); Loan Value for loans. */
  readonly amount: Float64Array;
  /** NaN: null. */
  readonly outlays: Float64Array;
  readonly subsidy: Float64Array;
  /** Index into the group's ASSISTANCE_LISTINGS; -1 none. */
  readonly listing: Int16Array;
  /** Index into NAICS / PSC; -1 none. */
  readonly naics: Int16Array;
  readonly psc: Int16Array;
  readonly popState: Uint8Array;
  /** 0 none, 1 COVID-19, 2 infrastructure (IIJA). */
  readonly defc: Uint8Array;
  readonly awardId: string[];
  readonly generatedId: string[];
  readonly description: string[];
  readonly #byGeneratedId = new Map<string, number>();
  /** Bumped by every `mutate`, so cached searches know they are stale. */
  version = 0;

  constructor(options: UsaspendingDatasetOptions = {}) {
    this.seed = options.seed ?? 1;
    const first = options.firstFiscalYear ?? 2022;
    const yearCount = options.fiscalYears ?? 3;
    if (!Number.isInteger(first) || first < FIRST_SEARCHABLE_FISCAL_YEAR) {
      throw new RangeError(
        `[freshet] [sim:usaspending] firstFiscalYear must be ${FIRST_SEARCHABLE_FISCAL_YEAR} or later, got ${first}`,
      );
    }
    const sizeOf = perYear(options.awardsPerYear);
    const dupShare = options.duplicateAwardIdShare ?? 0.01;

    const plan: Array<{ fy: number; group: AwardTypeGroup; n: number }> = [];
    this.years = [];
    let size = 0;
    for (let y = 0; y < yearCount; y++) {
      const fy = first + y;
      const [startDay, endDay] = fiscalYearDays(fy);
      const counts = emptyCounts();
      for (const group of AWARD_TYPE_GROUPS) {
        const n = Math.max(0, Math.floor(sizeOf(fy, group)));
        counts[group] = n;
        plan.push({ fy, group, n });
        size += n;
      }
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      this.years.push({ fiscalYear: fy, start: formatYmd(startDay), end: formatYmd(endDay), counts, total });
    }
    this.size = size;

    const rng = new Rng(this.seed);
    this.recipients = makeRecipients(Rng.derive(this.seed, 'recipients'), size);
    const byKind = new Map<RecipientKind, number[]>();
    for (const [i, r] of this.recipients.entries()) {
      const list = byKind.get(r.kind) ?? [];
      list.push(i);
      byKind.set(r.kind, list);
    }

    this.internalId = new Int32Array(size);
    this.group = new Uint8Array(size);
    this.code = new Uint8Array(size);
    this.toptier = new Uint8Array(size);
    this.subtier = new Uint8Array(size);
    this.fundingToptier = new Int16Array(size);
    this.fundingSubtier = new Uint8Array(size);
    this.recipient = new Int32Array(size);
    this.aggregate = new Uint8Array(size);
    this.actionDay = new Int32Array(size);
    this.signedDay = new Int32Array(size);
    this.startDay = new Int32Array(size);
    this.endDay = new Int32Array(size);
    this.modifiedDay = new Int32Array(size);
    this.amount = new Float64Array(size);
    this.outlays = new Float64Array(size);
    this.subsidy = new Float64Array(size);
    this.listing = new Int16Array(size);
    this.naics = new Int16Array(size);
    this.psc = new Int16Array(size);
    this.popState = new Uint8Array(size);
    this.defc = new Uint8Array(size);
    this.awardId = new Array<string>(size);
    this.generatedId = new Array<string>(size);
    this.description = new Array<string>(size);

    const pickCode = Object.fromEntries(
      AWARD_TYPE_GROUPS.map((g) => [g, weightedPicker(CODE_WEIGHTS[g])]),
    ) as Record<AwardTypeGroup, (r: Rng) => string>;
    const pickAgency = Object.fromEntries(
      AWARD_TYPE_GROUPS.map((g) => [
        g,
        weightedPicker(TOPTIERS.map((t, i) => [i, t.weights[g] ?? 0] as const)),
      ]),
    ) as Record<AwardTypeGroup, (r: Rng) => number>;
    const pickKind = Object.fromEntries(
      AWARD_TYPE_GROUPS.map((g) => [g, weightedPicker(RECIPIENT_MIX[g])]),
    ) as Record<AwardTypeGroup, (r: Rng) => RecipientKind>;
    const idsByGroup = new Map<AwardTypeGroup, number[]>();

    let nextId = 30_000_000 + rng.int(0, 999_999);
    let i = 0;
    for (const { fy, group, n } of plan) {
      const [fyStart, fyEnd] = fiscalYearDays(fy);
      // internal ids rise cohort by cohort but are shuffled within one, so id order is not Award ID order.
      const ids: number[] = [];
      for (let k = 0; k < n; k++) {
        nextId += rng.int(1, 25);
        ids.push(nextId);
      }
      rng.shuffle(ids);
      const seen = idsByGroup.get(group) ?? [];
      idsByGroup.set(group, seen);
      for (const id of ids) {
        const code = pickCode[group](rng);
        const top = pickAgency[group](rng);
        const toptier = TOPTIERS[top] as Toptier;
        const sub = rng.int(0, toptier.subtiers.length - 1);
        const kind = pickKind[group](rng);
        const pool = byKind.get(kind) ?? byKind.get('company') ?? [0];
        const recipient = rng.pick(pool);

        this.internalId[i] = id;
        this.group[i] = groupIndex(group);
        this.code[i] = CODES.indexOf(code);
        this.toptier[i] = top;
        this.subtier[i] = sub;
        this.recipient[i] = recipient;
        this.aggregate[i] = kind === 'individual' ? 1 : 0;

        const action = rng.int(fyStart, fyEnd);
        const signed = rng.chance(0.55) ? action : Math.max(fyStart - 2000, action - rng.int(30, 1500));
        const start = signed + rng.int(0, 45);
        const months = rng.int(6, 60);
        this.actionDay[i] = action;
        this.signedDay[i] = signed;
        this.startDay[i] = start;
        this.endDay[i] = group === 'idvs' ? start + 365 * 5 : start + Math.round(months * 30.4);
        this.modifiedDay[i] = action + rng.int(0, 20);

        const [lo, hi] = AMOUNT_RANGE[group];
        let amount = 10 ** rng.float(lo, hi);
        amount = group === 'grants' ? Math.round(amount) : Math.round(amount * 100) / 100;
        if (rng.chance(0.01)) amount = -Math.round(amount / 50);
        this.amount[i] = amount;
        this.outlays[i] =
          group !== 'loans' && rng.chance(0.7)
            ? Math.round(amount * rng.float(0, 1) * 100) / 100
            : Number.NaN;
        this.subsidy[i] = group === 'loans' ? Math.round(amount * rng.float(0, 0.06) * 100) / 100 : 0;

        const assistance = group !== 'contracts' && group !== 'idvs';
        this.listing[i] = assistance ? rng.int(0, ASSISTANCE_LISTINGS[group].length - 1) : -1;
        this.naics[i] = assistance ? -1 : rng.int(0, NAICS.length - 1);
        this.psc[i] = assistance ? -1 : rng.int(0, PSC.length - 1);
        this.popState[i] = rng.int(0, STATES.length - 1);
        this.defc[i] = rng.chance(0.04) ? 1 : rng.chance(0.05) ? 2 : 0;

        const funding = rng.next();
        if (funding < 0.7) {
          this.fundingToptier[i] = top;
          this.fundingSubtier[i] = sub;
        } else if (funding < 0.9) {
          this.fundingToptier[i] = -1;
        } else {
          const other = rng.int(0, TOPTIERS.length - 1);
          this.fundingToptier[i] = other;
          this.fundingSubtier[i] = rng.int(0, (TOPTIERS[other] as Toptier).subtiers.length - 1);
        }

        this.description[i] = [
          rng.pick(DESCRIPTION_LEADS),
          rng.pick(DESCRIPTION_THINGS),
          rng.pick(DESCRIPTION_PURPOSES),
        ]
          .filter((part) => part !== '')
          .join(' ');

        // Some Award IDs repeat under another office (PIIDs and FAINs are unique per agency only).
        const reuse =
          seen.length > 0 && rng.chance(dupShare) ? (seen[rng.int(0, seen.length - 1)] as number) : -1;
        for (let attempt = 0; ; attempt++) {
          const awardId =
            reuse >= 0 && attempt < 4
              ? (this.awardId[reuse] as string)
              : makeAwardId(
                  rng,
                  group,
                  code,
                  toptier,
                  toptier.subtiers[sub] as Subtier,
                  fy,
                  kind === 'individual',
                );
          const generated = generatedIdOf(rng, group, code, awardId, toptier.subtiers[sub] as Subtier, kind);
          if (!this.#byGeneratedId.has(generated)) {
            this.awardId[i] = awardId;
            this.generatedId[i] = generated;
            this.#byGeneratedId.set(generated, i);
            break;
          }
        }
        seen.push(i);
        i++;
      }
    }
  }

  indexOf(generatedId: string): number | undefined {
    return this.#byGeneratedId.get(generatedId);
  }

  groupOf(i: number): AwardTypeGroup {
    return AWARD_TYPE_GROUPS[this.group[i] as number] as AwardTypeGroup;
  }

  codeOf(i: number): string {
    return CODES[this.code[i] as number] as string;
  }

  toptierOf(i: number): Toptier {
    return TOPTIERS[this.toptier[i] as number] as Toptier;
  }

  subtierOf(i: number): Subtier {
    return this.toptierOf(i).subtiers[this.subtier[i] as number] as Subtier;
  }

  fundingOf(i: number): { toptier: Toptier; subtier: Subtier } | null {
    const top = this.fundingToptier[i] as number;
    if (top < 0) return null;
    const toptier = TOPTIERS[top] as Toptier;
    return { toptier, subtier: toptier.subtiers[this.fundingSubtier[i] as number] as Subtier };
  }

  recipientOf(i: number): UsaspendingRecipient {
    return this.recipients[this.recipient[i] as number] as UsaspendingRecipient;
  }

  listingOf(i: number): readonly [string, string] | null {
    const k = this.listing[i] as number;
    if (k < 0) return null;
    const group = this.groupOf(i);
    if (group === 'contracts' || group === 'idvs') return null;
    return ASSISTANCE_LISTINGS[group][k] ?? null;
  }

  defCodesOf(i: number): string[] {
    const kind = this.defc[i] as number;
    if (kind === 1) return [COVID_DEFC[(this.internalId[i] as number) % COVID_DEFC.length] as string];
    if (kind === 2) return [IIJA_DEFC[(this.internalId[i] as number) % IIJA_DEFC.length] as string];
    return [];
  }

  /**
   * Changes `round(fraction × size)` awards as a new modification would: a different amount, new
   * outlays, a later end date and a later last-modified date. The action date stays, so every
   * award keeps its fiscal-year cohort.
   */
  mutate({ fraction, seed }: MutateOptions): MutationReport<string> {
    const rng = Rng.derive(this.seed, 'mutate', seed, this.version);
    const chosen = rng.sample(this.size, Math.round(fraction * this.size));
    for (const i of chosen) {
      const old = this.amount[i] as number;
      const delta = Math.round(Math.max(100, Math.abs(old) * rng.float(0.01, 0.2)) * 100) / 100;
      this.amount[i] = Math.round((old + delta) * 100) / 100;
      if (!Number.isNaN(this.outlays[i] as number)) {
        this.outlays[i] = Math.round((this.amount[i] as number) * rng.float(0, 1) * 100) / 100;
      }
      this.endDay[i] = (this.endDay[i] as number) + rng.int(30, 365);
      this.modifiedDay[i] = (this.modifiedDay[i] as number) + rng.int(1, 90);
    }
    this.version++;
    return { changed: chosen.map((i) => this.generatedId[i] as string).sort() };
  }
}

function makeRecipients(rng: Rng, awards: number): UsaspendingRecipient[] {
  const out: UsaspendingRecipient[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: RecipientKind) => {
    let unique = name;
    for (let n = 2; seen.has(unique); n++) unique = `${name} ${n}`;
    seen.add(unique);
    const individual = kind === 'individual';
    out.push({
      name: unique,
      upperName: unique.toUpperCase(),
      uei: individual ? null : rng.uei(),
      duns: individual || rng.chance(0.5) ? null : rng.digits(9),
      kind,
      categories: RECIPIENT_KINDS[kind],
      recipientId: individual ? null : `${uuid(rng)}-${rng.chance(0.8) ? 'R' : 'C'}`,
      state: rng.pick(STATES),
      city: rng.pick([
        'ARLINGTON',
        'AUSTIN',
        'COLUMBUS',
        'SEATTLE',
        'HOUSTON',
        'BALTIMORE',
        'DENVER',
        'BOSTON',
      ]),
    });
  };
  for (const name of UNIVERSITIES) add(name, 'university');
  for (const name of LARGE_COMPANIES) add(name, 'large_company');
  for (const name of GOVERNMENTS) add(name, 'government');
  add(MULTIPLE_RECIPIENTS, 'individual');
  const companies = Math.min(5_000, Math.max(40, Math.ceil(awards / 20)));
  for (let k = 0; k < companies; k++) {
    add(`${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_KINDS)}${rng.pick(COMPANY_SUFFIXES)}`, 'company');
  }
  return out;
}

const CONTRACT_LETTER: Readonly<Record<string, string>> = { A: 'A', B: 'P', C: 'F', D: 'C' };

/** A PIID, FAIN or URI in the style of the awarding office. */
function makeAwardId(
  rng: Rng,
  group: AwardTypeGroup,
  code: string,
  toptier: Toptier,
  subtier: Subtier,
  fy: number,
  aggregate: boolean,
): string {
  const yy = String(fy % 100).padStart(2, '0');
  if (group === 'contracts')
    return `${subtier.idPrefix}${alnum(rng, 2)}${yy}${CONTRACT_LETTER[code] ?? 'C'}${rng.digits(4)}`;
  if (group === 'idvs') return `${subtier.idPrefix}${alnum(rng, 2)}${yy}D${alnum(rng, 4)}`;
  if (aggregate) return `${subtier.idPrefix.replace(/[^A-Z0-9]/g, '')}_AGG_${fy}_${rng.digits(5)}`;
  switch (toptier.code) {
    case '097':
      return `W911NF${yy}${rng.int(1, 2)}${rng.digits(4)}`;
    case '012':
      return `${fy}-${rng.digits(5)}-${rng.digits(5)}`;
    case '075':
      return `${rng.pick(['R01', 'R21', 'R43', 'R44', 'U01', 'P30'])}${rng.pick(['AI', 'CA', 'GM', 'HL'])}${rng.digits(6)}`;
    case '049':
      return `2${rng.digits(6)}`;
    case '089':
      return `DE-${rng.pick(['SC', 'EE', 'AR'])}00${rng.digits(5)}`;
    case '080':
      return `80NSSC${yy}K${rng.digits(4)}`;
    case '013':
      return `NA${yy}OAR${rng.digits(7)}`;
    case '091':
      return `${rng.pick(['P063P', 'R305A', 'P268K'])}${yy}${rng.digits(4)}`;
    case '073':
      return rng.digits(10);
    case '070':
      return `EMW-${fy}-${rng.pick(['FP', 'PU', 'CA'])}-${rng.digits(5)}`;
    default:
      return `${subtier.idPrefix}${yy}${rng.digits(6)}`;
  }
}

/** `generated_unique_award_id`: CONT_AWD_/CONT_IDV_ for procurement, ASST_NON_/ASST_AGG_ for assistance. */
function generatedIdOf(
  rng: Rng,
  group: AwardTypeGroup,
  code: string,
  awardId: string,
  subtier: Subtier,
  kind: RecipientKind,
): string {
  if (group === 'contracts') {
    // Delivery orders and BPA calls hang under a parent IDV.
    const parent =
      code === 'A' || code === 'C'
        ? `${subtier.idPrefix}${alnum(rng, 2)}${rng.digits(2)}D${alnum(rng, 4)}_${subtier.code}`
        : '-NONE-_-NONE-';
    return `CONT_AWD_${awardId}_${subtier.code}_${parent}`;
  }
  if (group === 'idvs') return `CONT_IDV_${awardId}_${subtier.code}`;
  return `${kind === 'individual' ? 'ASST_AGG' : 'ASST_NON'}_${awardId}_${subtier.code}`;
}
