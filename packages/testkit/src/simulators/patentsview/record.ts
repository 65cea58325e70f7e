import { DAY_MS, formatYmd } from '../../sim/dates.js';
import { Rng } from '../../sim/random.js';
import type { PatentsViewDataset } from './dataset.js';
import { extraGroups } from './record-extra.js';
import type {
  PatentsViewAssignee,
  PatentsViewCpc,
  PatentsViewInventor,
  PatentsViewPatent,
  PatentsViewUspc,
  PatentsViewWipo,
} from './types.js';
import {
  ABSTRACT_WORDS,
  API_ROOT,
  COMPANY_KINDS,
  COMPANY_STEMS,
  CPC_SUBCLASSES,
  DESIGN_CPC_SUBCLASSES,
  DESIGN_THINGS,
  EXAMINER_ROLES,
  FIRST_NAMES,
  FOREIGN_COMPANY_SUFFIXES,
  FOREIGN_PLACES,
  LAST_NAMES,
  PLANT_CPC_SUBCLASSES,
  PLANT_THINGS,
  TITLE_LEADS,
  TITLE_THINGS,
  US_COMPANY_SUFFIXES,
  US_PLACES,
  USPC_CLASSES,
  WIPO_FIELD_IDS,
} from './vocab.js';

/** USPC stopped being assigned at issue in mid-2015. */
const USPC_LAST_DAY = Date.UTC(2015, 5, 1) / DAY_MS;

/** The HATEOAS links the API puts beside ids: `/` in an id becomes `:` (`A42B1/247` → `A42B1:247`). */
export function link(endpoint: string, id: string): string {
  return `${API_ROOT}/${endpoint}/${id.replace(/\//g, ':')}/`;
}

function hex(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += rng.int(0, 15).toString(16);
  return out;
}

/** Location ids as the API prints them: one fixed node suffix, as in the recorded sample. */
function locationId(rng: Rng): string {
  return `${hex(rng, 8)}-16c${hex(rng, 1)}-11ed-9b5f-1234bde3cd05`;
}

function uuid(rng: Rng): string {
  return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(rng, 3)}-${hex(rng, 12)}`;
}

function place(rng: Rng, foreign: boolean): { city: string; state: string | null; country: string } {
  if (foreign) {
    const [country, cities] = rng.pick(FOREIGN_PLACES);
    return { city: rng.pick(cities), state: null, country };
  }
  const [state, cities] = rng.pick(US_PLACES);
  return { city: rng.pick(cities), state, country: 'US' };
}

function inventor(rng: Rng, sequence: number): PatentsViewInventor {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  // Disambiguated ids read `fl:<first two letters>_ln:<last name>-<n>`; some are opaque.
  const id = rng.chance(0.8)
    ? `fl:${first.slice(0, 2).toLowerCase()}_ln:${last.toLowerCase()}-${rng.int(1, 120)}`
    : Array.from({ length: 25 }, () => rng.pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join('');
  const unknownPlace = rng.chance(0.08);
  const where = place(rng, rng.chance(0.4));
  return {
    inventor: link('inventor', id),
    inventor_id: id,
    inventor_name_first: first,
    inventor_name_last: last,
    inventor_gender_code: rng.pick(['M', 'M', 'F', 'U']),
    inventor_location_id: unknownPlace ? null : locationId(rng),
    inventor_city: unknownPlace ? null : where.city,
    inventor_state: unknownPlace ? null : where.state,
    inventor_country: unknownPlace ? null : where.country,
    inventor_sequence: sequence,
  };
}

function assignee(rng: Rng, sequence: number): PatentsViewAssignee {
  const id = uuid(rng);
  const individual = rng.chance(0.04);
  const foreign = rng.chance(0.45);
  const where = place(rng, foreign);
  const suffix = rng.pick(foreign ? FOREIGN_COMPANY_SUFFIXES : US_COMPANY_SUFFIXES);
  return {
    assignee: link('assignee', id),
    assignee_id: id,
    assignee_type: individual ? (foreign ? '5' : '4') : foreign ? '3' : '2',
    assignee_individual_name_first: individual ? rng.pick(FIRST_NAMES) : null,
    assignee_individual_name_last: individual ? rng.pick(LAST_NAMES) : null,
    assignee_organization: individual
      ? null
      : `${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_KINDS)}${suffix}`,
    assignee_location_id: locationId(rng),
    assignee_city: where.city,
    assignee_state: where.state,
    assignee_country: where.country,
    assignee_sequence: sequence,
  };
}

function cpcs(rng: Rng, pool: ReadonlyArray<readonly [string, readonly string[]]>): PatentsViewCpc[] {
  const count = rng.chance(0.3) ? 1 : rng.int(2, 9);
  const out: PatentsViewCpc[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < count; k++) {
    const [subclass, groups] = rng.pick(pool);
    const group = rng.pick(groups);
    if (seen.has(group)) continue;
    seen.add(group);
    const cls = subclass.slice(0, 3);
    out.push({
      cpc_sequence: out.length,
      cpc_class: link('cpc_class', cls),
      cpc_class_id: cls,
      cpc_subclass: link('cpc_subclass', subclass),
      cpc_subclass_id: subclass,
      cpc_group: link('cpc_group', group),
      cpc_group_id: group,
    });
  }
  return out;
}

function uspcs(rng: Rng): PatentsViewUspc[] {
  const [main, subclasses] = rng.pick(USPC_CLASSES);
  const picked = rng.sample(subclasses.length, rng.int(1, subclasses.length));
  return picked.map((k, sequence) => ({
    uspc_mainclass: link('uspc_mainclass', main),
    uspc_mainclass_id: main,
    uspc_subclass: link('uspc_subclass', subclasses[k]!),
    uspc_subclass_id: subclasses[k]!,
    uspc_sequence: sequence,
  }));
}

function wipos(rng: Rng): PatentsViewWipo[] {
  const fields = rng.sample(WIPO_FIELD_IDS.length, rng.chance(0.7) ? 1 : 2);
  return fields.map((k, sequence) => ({
    wipo_field: link('wipo', WIPO_FIELD_IDS[k]!),
    wipo_field_id: WIPO_FIELD_IDS[k]!,
    wipo_sequence: sequence,
  }));
}

function kindCode(rng: Rng, type: string, year: number): string {
  switch (type) {
    case 'design':
      return year < 2001 ? 'S' : 'S1';
    case 'plant':
      return year < 2001 ? 'P' : rng.pick(['P2', 'P3']);
    case 'reissue':
      return year < 2001 ? 'E' : 'E1';
    default:
      return year < 2001 ? 'A' : rng.chance(0.75) ? 'B2' : 'B1';
  }
}

function title(rng: Rng, type: string): string {
  if (type === 'design') return rng.pick(DESIGN_THINGS);
  if (type === 'plant') return `${rng.pick(PLANT_THINGS)} named '${rng.pick(LAST_NAMES)} ${rng.int(1, 99)}'`;
  return `${rng.pick(TITLE_LEADS)} ${rng.pick(TITLE_THINGS)}`;
}

function abstract(rng: Rng): string {
  const words = Array.from({ length: rng.int(40, 120) }, () => rng.pick(ABSTRACT_WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The full record of storage index `i`. Fields filters and sorts use come from the dataset's
 * columns; the rest from a PRNG seeded by the patent id, so it is the same every time.
 */
export function buildPatent(ds: PatentsViewDataset, i: number): PatentsViewPatent {
  const id = ds.ids[i]!;
  const rng = Rng.derive(ds.seed, 'patent', id);
  const day = ds.day[i]!;
  const type = ds.typeOf(i);
  const year = new Date(day * DAY_MS).getUTCFullYear();
  const processing = type === 'design' ? rng.int(300, 900) : rng.int(450, 1900);
  const filed = day - processing;
  const usCited = rng.int(0, 60);
  const appsCited = rng.int(0, 40);
  const foreignCited = rng.int(0, 20);
  const series = type === 'design' ? '29' : String(rng.int(13, 18));
  const pool =
    type === 'design' ? DESIGN_CPC_SUBCLASSES : type === 'plant' ? PLANT_CPC_SUBCLASSES : CPC_SUBCLASSES;
  const hasUspc = day < USPC_LAST_DAY;
  const assigned = rng.chance(type === 'utility' ? 0.85 : 0.5);
  const examiner = (role: string) => ({
    examiner_id: `${rng.int(10000, 99999)}`,
    examiner_first_name: rng.pick(FIRST_NAMES).split(' ')[0]!,
    examiner_last_name: rng.pick(LAST_NAMES),
    examiner_role: role,
    art_group: String(rng.int(1600, 3999)),
  });

  const record: PatentsViewPatent = {
    patent_id: id,
    patent_title: title(rng, type),
    patent_type: type,
    patent_country: 'US',
    patent_date: formatYmd(day),
    patent_year: year,
    patent_abstract: type === 'design' ? null : abstract(rng),
    wipo_kind: kindCode(rng, type, year),
    withdrawn: ds.withdrawn[i] === 1,
    patent_earliest_application_date: formatYmd(filed),
    patent_processing_days: processing,
    patent_num_times_cited_by_us_patents: ds.citedBy[i]!,
    patent_num_us_patents_cited: usCited,
    patent_num_us_applications_cited: appsCited,
    patent_num_foreign_documents_cited: foreignCited,
    patent_num_total_documents_cited: usCited + appsCited + foreignCited,
    patent_detail_desc_length: type === 'design' ? rng.int(200, 900) : rng.int(8_000, 120_000),
    patent_term_extension: rng.chance(0.3) ? rng.int(1, 900) : 0,
    patent_cpc_current_group_average_patent_processing_days: rng.int(600, 1400),
    patent_uspc_current_mainclass_average_patent_processing_days: hasUspc ? rng.int(600, 1400) : null,
    gov_interest_statement: rng.chance(0.03)
      ? 'This invention was made with government support under a grant awarded by the National Science Foundation. The government has certain rights in the invention.'
      : null,
    application: [
      {
        application_id: `${series}/${String(rng.int(0, 999_999)).padStart(6, '0')}`,
        application_type: series,
        filing_date: formatYmd(filed),
        series_code: series,
        rule_47_flag: rng.chance(0.01),
        filing_type: series,
      },
    ],
    cpc_current: cpcs(rng, pool),
    examiners: rng.chance(0.6) ? [examiner('primary')] : [examiner('primary'), examiner(EXAMINER_ROLES[1]!)],
    figures: [{ num_figures: rng.int(1, 30), num_sheets: rng.int(1, 20) }],
    inventors: Array.from({ length: rng.chance(0.4) ? 1 : rng.int(2, 6) }, (_, k) => inventor(rng, k)),
  };
  if (assigned) {
    record.assignees = Array.from({ length: rng.chance(0.92) ? 1 : 2 }, (_, k) => assignee(rng, k));
  }
  if (hasUspc) record.uspc_at_issue = uspcs(rng);
  if (type === 'utility' || type === 'reissue') record.wipo = wipos(rng);
  const applicationId = record.application[0]!.application_id;
  return { ...record, ...extraGroups(ds.seed, id, type, filed, applicationId, record.cpc_current) };
}
