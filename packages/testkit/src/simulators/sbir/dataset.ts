import { formatYmd, toEpochDay } from '../../sim/dates.js';
import { Rng } from '../../sim/random.js';
import type { MutateOptions, MutationReport } from '../../sim/types.js';
import type { SbirAward, SbirCohort, SbirDatasetOptions } from './types.js';
import {
  AGENCY_PROFILES,
  COMPANY_KINDS,
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  KEYWORDS,
  SBIR_AGENCIES,
  type SbirAgencyCode,
  STATES,
  STREETS,
  TITLE_LEADS,
  TITLE_THINGS,
  TITLE_USES,
  TITLES,
  UNIVERSITIES,
} from './vocab.js';

const DEFAULTS = { seed: 1, firstYear: 2022, years: 3, awardsPerYear: 150 } as const;

/** The company fields every award of one firm repeats. */
type Firm = Pick<
  SbirAward,
  | 'firm'
  | 'uei'
  | 'duns'
  | 'hubzone_owned'
  | 'socially_economically_disadvantaged'
  | 'women_owned'
  | 'number_employees'
  | 'company_url'
  | 'address1'
  | 'address2'
  | 'city'
  | 'state'
  | 'zip'
  | 'poc_name'
  | 'poc_title'
  | 'poc_phone'
  | 'poc_email'
>;

function isKnownAgency(agency: string): agency is SbirAgencyCode {
  return (SBIR_AGENCIES as readonly string[]).includes(agency);
}

function defaultCount(year: number, agency: string, agencies: readonly string[]): number {
  const weight = (code: string) => (isKnownAgency(code) ? AGENCY_PROFILES[code].weight : 1);
  const total = agencies.reduce((sum, code) => sum + weight(code), 0);
  // A little variation per year, so years differ in size.
  const yearFactor = 1 + ((year * 7) % 5) / 20;
  return Math.max(1, Math.round((DEFAULTS.awardsPerYear * yearFactor * weight(agency)) / total));
}

const phone = (rng: Rng) => `${rng.int(201, 989)}-${rng.int(200, 999)}-${rng.digits(4)}`;

/**
 * The SBIR/STTR awards of a seed, every record built up front (datasets here are thousands of
 * awards, not millions), held in the API's order: `award_link` ascending.
 */
export class SbirDataset {
  readonly seed: number;
  readonly agencies: readonly string[];
  readonly groups: SbirCohort[];
  /** In `award_link` order; `mutate` changes amounts and end dates in place. */
  readonly awards: SbirAward[];
  readonly #byLink = new Map<number, SbirAward>();
  /** Bumped by every `mutate`. */
  version = 0;

  constructor(options: SbirDatasetOptions = {}) {
    this.seed = options.seed ?? DEFAULTS.seed;
    this.agencies = [...(options.agencies ?? SBIR_AGENCIES)].map((a) => a.toUpperCase());
    if (this.agencies.length === 0) throw new RangeError('agencies: give at least one agency code');
    const firstYear = options.firstYear ?? DEFAULTS.firstYear;
    const yearCount = options.years ?? DEFAULTS.years;
    const perGroup = options.awardsPerAgencyYear;
    const count = (year: number, agency: string) =>
      Math.max(
        0,
        Math.floor(
          perGroup === undefined
            ? defaultCount(year, agency, this.agencies)
            : typeof perGroup === 'number'
              ? perGroup
              : perGroup(year, agency),
        ),
      );

    const rng = new Rng(this.seed);
    this.groups = [];
    for (let year = firstYear; year < firstYear + yearCount; year++) {
      for (const agency of this.agencies) this.groups.push({ year, agency, awards: count(year, agency) });
    }
    const size = this.groups.reduce((sum, g) => sum + g.awards, 0);
    const firms = makeFirms(Rng.derive(this.seed, 'firms'), Math.max(12, Math.ceil(size / 4)));

    // One serial counter per agency keeps its tracking numbers and contracts unique.
    const serials = new Map(this.agencies.map((a) => [a, rng.int(1, 900)]));
    this.awards = [];
    let link = 200_000 + rng.int(0, 9_999);
    for (let year = firstYear; year < firstYear + yearCount; year++) {
      const ofYear: SbirAward[] = [];
      for (const group of this.groups.filter((g) => g.year === year)) {
        for (let k = 0; k < group.awards; k++) {
          const serial = serials.get(group.agency) as number;
          serials.set(group.agency, serial + rng.int(1, 7));
          ofYear.push(makeAward(Rng.derive(this.seed, 'award', group.agency, serial), group, serial, firms));
        }
      }
      // The API's order (award_link) mixes agencies within a year.
      for (const award of rng.shuffle(ofYear)) {
        link += rng.int(1, 25);
        award.award_link = link;
        this.awards.push(award);
        this.#byLink.set(link, award);
      }
    }
  }

  get size(): number {
    return this.awards.length;
  }

  award(awardLink: number): SbirAward | undefined {
    return this.#byLink.get(awardLink);
  }

  /**
   * Changes `round(fraction × size)` awards: a new `award_amount` (never the old one) and a
   * later `contract_end_date` (a no-cost extension). Year, agency and identifiers never move,
   * so an award stays in its partition under its key.
   */
  mutate({ fraction, seed }: MutateOptions): MutationReport<number> {
    const rng = Rng.derive(this.seed, 'mutate', seed, this.version);
    const chosen = rng.sample(this.size, Math.round(fraction * this.size));
    for (const i of chosen) {
      const award = this.awards[i] as SbirAward;
      const old = Math.round(Number(award.award_amount));
      const delta = rng.int(500, 50_000);
      const amount = old - delta >= 10_000 && rng.chance(0.5) ? old - delta : old + delta;
      award.award_amount = `${amount}.0000`;
      award.contract_end_date = formatYmd(toEpochDay(award.contract_end_date) + rng.int(30, 365));
    }
    this.version++;
    return { changed: chosen.map((i) => (this.awards[i] as SbirAward).award_link).sort((a, b) => a - b) };
  }
}

function makeFirms(rng: Rng, count: number): Firm[] {
  const seen = new Set<string>();
  const firms: Firm[] = [];
  for (let i = 0; i < count; i++) {
    let stem = `${rng.pick(COMPANY_STEMS)}${rng.pick(COMPANY_KINDS).toLowerCase()}`;
    for (let n = 2; seen.has(stem); n++) stem = `${stem.replace(/ \d+$/, '')} ${n}`;
    seen.add(stem);
    const name = `${stem.toUpperCase()}${rng.pick(COMPANY_SUFFIXES)}`;
    const domain = `${stem.toLowerCase().replace(/[^a-z0-9]/g, '')}.com`;
    const [state, cities] = rng.pick(STATES);
    const poc = rng.person();
    firms.push({
      firm: name,
      uei: rng.uei(),
      duns: rng.digits(9),
      hubzone_owned: rng.chance(0.08) ? 'Y' : 'N',
      socially_economically_disadvantaged: rng.chance(0.12) ? 'Y' : 'N',
      women_owned: rng.chance(0.15) ? 'Y' : 'N',
      number_employees: rng.int(1, 480),
      company_url: `https://www.${domain}`,
      address1: `${rng.int(100, 9999)} ${rng.pick(STREETS)}`,
      address2: rng.chance(0.3) ? `Suite ${rng.int(100, 450)}` : '',
      city: rng.pick(cities),
      state,
      zip: rng.chance(0.5) ? rng.digits(5) : `${rng.digits(5)}-${rng.digits(4)}`,
      poc_name: `${poc.first} ${poc.last}`,
      poc_title: rng.pick(TITLES),
      poc_phone: phone(rng),
      poc_email: `${poc.first}.${poc.last}@${domain}`.toLowerCase(),
    });
  }
  return firms;
}

function makeAward(rng: Rng, group: SbirCohort, serial: number, firms: Firm[]): SbirAward {
  const { year, agency } = group;
  const profile = isKnownAgency(agency) ? AGENCY_PROFILES[agency] : AGENCY_PROFILES.NSF;
  const firm = rng.pick(firms);
  const phase2 = rng.chance(0.35);
  const sttr = rng.chance(0.15);
  const branch = profile.branches.length > 0 ? rng.pick(profile.branches) : null;
  const round = rng.int(1, 3);
  const ids = profile.ids(year, serial, phase2, branch);
  const start = toEpochDay(`${year}-01-01`) + rng.int(0, 364);
  const end = start + (phase2 ? rng.int(540, 730) : rng.int(180, 365));
  const amount = phase2 ? rng.int(500_000, 1_800_000) : rng.int(50_000, 314_363);
  const pi = rng.person();
  const ri = sttr ? rng.person() : undefined;
  const title = `${rng.pick(TITLE_LEADS)} ${rng.pick(TITLE_THINGS)} for ${rng.pick(TITLE_USES)}`;
  const keywords = rng.sample(KEYWORDS.length, rng.int(2, 4)).map((k) => KEYWORDS[k] as string);
  const domain = firm.company_url.replace('https://www.', '');
  return {
    firm: firm.firm,
    award_title: title,
    agency,
    branch,
    phase: phase2 ? 'Phase II' : 'Phase I',
    program: sttr ? 'STTR' : 'SBIR',
    agency_tracking_number: ids.tracking,
    contract: ids.contract,
    proposal_award_date: formatYmd(start),
    contract_end_date: formatYmd(end),
    solicitation_number: profile.solicitation(year, round),
    solicitation_year: rng.chance(0.7) ? year : year - 1,
    topic_code: profile.topic(year, round, serial, branch),
    award_year: year,
    award_amount: `${amount}.0000`,
    uei: firm.uei,
    duns: firm.duns,
    hubzone_owned: firm.hubzone_owned,
    socially_economically_disadvantaged: firm.socially_economically_disadvantaged,
    women_owned: firm.women_owned,
    number_employees: firm.number_employees,
    company_url: firm.company_url,
    address1: firm.address1,
    address2: firm.address2,
    city: firm.city,
    state: firm.state,
    zip: firm.zip,
    poc_name: firm.poc_name,
    poc_title: firm.poc_title,
    poc_phone: firm.poc_phone,
    poc_email: firm.poc_email,
    pi_name: `${pi.first} ${pi.last}`,
    pi_title: rng.chance(0.4) ? null : rng.pick(TITLES),
    pi_phone: phone(rng),
    pi_email: `${pi.first}.${pi.last}@${domain}`.toLowerCase(),
    ri_name: sttr ? rng.pick(UNIVERSITIES) : null,
    ri_poc_name: ri ? `${ri.first} ${ri.last}` : '',
    ri_poc_phone: ri ? phone(rng) : null,
    research_area_keywords: rng.chance(0.6) ? null : keywords.join(', '),
    abstract: `${title}. This ${phase2 ? 'Phase II' : 'Phase I'} ${sttr ? 'STTR' : 'SBIR'} project addresses ${keywords.join(', ')}. The broader impact of this project is a product that serves ${rng.pick(TITLE_USES).toLowerCase()}.`,
    award_link: 0,
  };
}
