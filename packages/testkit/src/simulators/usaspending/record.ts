import { formatYmd } from '../../sim/dates.js';
import type { UsaspendingDataset } from './dataset.js';
import type { UsaspendingAwardRow } from './types.js';
import { type AwardTypeGroup, NAICS, PSC, STATES, TYPE_DESCRIPTIONS } from './vocab.js';

type Getter = (ds: UsaspendingDataset, i: number) => unknown;

function money(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

function defcAmount(ds: UsaspendingDataset, i: number, kind: number, share: number): number | null {
  if (ds.defc[i] !== kind) return null;
  return Math.round((ds.amount[i] as number) * share * 100) / 100;
}

function location(ds: UsaspendingDataset, i: number, recipient: boolean) {
  const r = ds.recipientOf(i);
  const state = recipient ? r.state : (STATES[ds.popState[i] as number] as string);
  const zip = String(10_000 + (((ds.internalId[i] as number) * 7919) % 89_999));
  return {
    location_country_code: 'USA',
    country_name: 'UNITED STATES',
    state_code: state,
    state_name: null,
    city_name: recipient ? r.city : null,
    county_code: null,
    county_name: null,
    ...(recipient ? { address_line1: null, address_line2: null, address_line3: null } : {}),
    congressional_code: String(1 + ((ds.internalId[i] as number) % 9)).padStart(2, '0'),
    zip4: null,
    zip5: zip,
    ...(recipient ? { foreign_postal_code: null, foreign_province: null } : {}),
  };
}

/** Fields every award group has (`base_mapping`). */
const BASE: Readonly<Record<string, Getter>> = {
  'Award ID': (ds, i) => ds.awardId[i],
  'Recipient Name': (ds, i) => ds.recipientOf(i).name,
  'Recipient DUNS Number': (ds, i) => ds.recipientOf(i).duns,
  recipient_id: (ds, i) => ds.recipientOf(i).recipientId,
  'Awarding Agency': (ds, i) => ds.toptierOf(i).name,
  'Awarding Agency Code': (ds, i) => ds.toptierOf(i).code,
  'Awarding Sub Agency': (ds, i) => ds.subtierOf(i).name,
  'Awarding Sub Agency Code': (ds, i) => ds.subtierOf(i).code,
  'Funding Agency': (ds, i) => ds.fundingOf(i)?.toptier.name ?? null,
  'Funding Agency Code': (ds, i) => ds.fundingOf(i)?.toptier.code ?? null,
  'Funding Sub Agency': (ds, i) => ds.fundingOf(i)?.subtier.name ?? null,
  'Funding Sub Agency Code': (ds, i) => ds.fundingOf(i)?.subtier.code ?? null,
  'Place of Performance City Code': () => null,
  'Place of Performance State Code': (ds, i) => STATES[ds.popState[i] as number],
  'Place of Performance Country Code': () => 'USA',
  'Place of Performance Zip5': (ds, i) => location(ds, i, false).zip5,
  Description: (ds, i) => ds.description[i],
  'Last Modified Date': (ds, i) => formatYmd(ds.modifiedDay[i] as number),
  'Base Obligation Date': (ds, i) => formatYmd(ds.signedDay[i] as number),
  prime_award_recipient_id: () => null,
  generated_internal_id: (ds, i) => ds.generatedId[i],
  def_codes: (ds, i) => ds.defCodesOf(i),
  'COVID-19 Obligations': (ds, i) => defcAmount(ds, i, 1, 0.4),
  'COVID-19 Outlays': (ds, i) => defcAmount(ds, i, 1, 0.25),
  'Infrastructure Obligations': (ds, i) => defcAmount(ds, i, 2, 0.5),
  'Infrastructure Outlays': (ds, i) => defcAmount(ds, i, 2, 0.2),
  'Recipient UEI': (ds, i) => ds.recipientOf(i).uei,
  'Recipient Location': (ds, i) => location(ds, i, true),
  'Primary Place of Performance': (ds, i) => location(ds, i, false),
};

const PROCUREMENT: Readonly<Record<string, Getter>> = {
  'Start Date': (ds, i) => formatYmd(ds.startDay[i] as number),
  'Award Amount': (ds, i) => ds.amount[i],
  'Total Outlays': (ds, i) => money(ds.outlays[i] as number),
  'Contract Award Type': (ds, i) => TYPE_DESCRIPTIONS[ds.codeOf(i)] ?? null,
  NAICS: (ds, i) => {
    const pair = NAICS[ds.naics[i] as number];
    return { code: pair?.[0] ?? null, description: pair?.[1] ?? null };
  },
  PSC: (ds, i) => {
    const pair = PSC[ds.psc[i] as number];
    return { code: pair?.[0] ?? null, description: pair?.[1] ?? null };
  },
};

const ASSISTANCE: Readonly<Record<string, Getter>> = {
  'SAI Number': () => null,
  'CFDA Number': (ds, i) => ds.listingOf(i)?.[0] ?? null,
  'Assistance Listings': (ds, i) => {
    const listing = ds.listingOf(i);
    return listing ? [{ cfda_number: listing[0], cfda_program_title: listing[1] }] : null;
  },
  primary_assistance_listing: (ds, i) => {
    const listing = ds.listingOf(i);
    return { cfda_number: listing?.[0] ?? null, cfda_program_title: listing?.[1] ?? null };
  },
};

/** The field mappings of each group (`contracts_mapping`, `idv_mapping`, …). */
export const FIELD_MAPPINGS: Readonly<Record<AwardTypeGroup, Readonly<Record<string, Getter>>>> = (() => {
  const contracts = {
    ...BASE,
    ...PROCUREMENT,
    'End Date': (ds: UsaspendingDataset, i: number) => formatYmd(ds.endDay[i] as number),
  };
  const idvs = {
    ...BASE,
    ...PROCUREMENT,
    'Last Date to Order': (ds: UsaspendingDataset, i: number) => formatYmd(ds.endDay[i] as number),
  };
  const loans = {
    ...BASE,
    ...ASSISTANCE,
    'Issued Date': (ds: UsaspendingDataset, i: number) => formatYmd(ds.actionDay[i] as number),
    'Loan Value': (ds: UsaspendingDataset, i: number) => ds.amount[i],
    'Subsidy Cost': (ds: UsaspendingDataset, i: number) => ds.subsidy[i],
  };
  const nonLoan = {
    ...BASE,
    ...ASSISTANCE,
    'Start Date': (ds: UsaspendingDataset, i: number) => formatYmd(ds.startDay[i] as number),
    'End Date': (ds: UsaspendingDataset, i: number) => formatYmd(ds.endDay[i] as number),
    'Award Amount': (ds: UsaspendingDataset, i: number) => ds.amount[i],
    'Total Outlays': (ds: UsaspendingDataset, i: number) => money(ds.outlays[i] as number),
    'Award Type': (ds: UsaspendingDataset, i: number) => TYPE_DESCRIPTIONS[ds.codeOf(i)] ?? null,
  };
  return { contracts, idvs, loans, grants: nonLoan, direct_payments: nonLoan, other: nonLoan };
})();

/** The API's "type" of each field for sorting: keyword text, a number, or a date. */
export type SortKind = 'text' | 'number' | 'date';

const NUMBER_FIELDS = new Set([
  'Award Amount',
  'Total Outlays',
  'Loan Value',
  'Subsidy Cost',
  'COVID-19 Obligations',
  'COVID-19 Outlays',
  'Infrastructure Obligations',
  'Infrastructure Outlays',
]);
const DATE_FIELDS = new Set([
  'Start Date',
  'End Date',
  'Last Modified Date',
  'Base Obligation Date',
  'Issued Date',
  'Last Date to Order',
]);

export function sortKindOf(field: string): SortKind {
  if (NUMBER_FIELDS.has(field)) return 'number';
  if (DATE_FIELDS.has(field)) return 'date';
  return 'text';
}

/**
 * The value Elasticsearch sorts `field` on: dates as epoch milliseconds, objects by their code,
 * null when missing (missing values sort last in both orders).
 */
export function sortValue(ds: UsaspendingDataset, i: number, field: string): string | number | null {
  const getter = FIELD_MAPPINGS[ds.groupOf(i)][field];
  if (!getter) return null;
  const value = getter(ds, i);
  if (value === null || value === undefined) return null;
  const kind = sortKindOf(field);
  if (kind === 'date') return Date.parse(`${value as string}T00:00:00Z`);
  if (kind === 'number') return value as number;
  if (Array.isArray(value)) {
    const first = value[0] as unknown;
    if (first && typeof first === 'object') return (first as { cfda_number?: string }).cfda_number ?? null;
    return (first as string | undefined) ?? null;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return (o.code ?? o.cfda_number ?? o.city_name ?? o.state_code ?? null) as string | null;
  }
  return String(value);
}

/** The sort value as `page_metadata.last_record_sort_value` prints it (Python's `str()`). */
export function sortValueText(value: string | number | null, kind: SortKind): string {
  if (value === null) return 'None';
  if (typeof value === 'string') return value;
  if (kind === 'number') return Number.isInteger(value) ? `${value}.0` : String(value);
  return String(Math.trunc(value));
}

/** Parses a `last_record_sort_value` back; undefined when Elasticsearch could not either. */
export function parseSortValue(text: string, kind: SortKind): string | number | null | undefined {
  if (text === 'None') return null;
  if (kind === 'text') return text;
  if (kind === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  if (/^-?\d+$/.test(text)) return Number(text);
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The row of award `i` for `fields`, keys in the API's order: internal_id, the fields as asked,
 * awarding_agency_id and agency_slug (with "Awarding Agency"), then generated_internal_id.
 */
export function buildRow(ds: UsaspendingDataset, i: number, fields: readonly string[]): UsaspendingAwardRow {
  const mapping = FIELD_MAPPINGS[ds.groupOf(i)];
  const row: Record<string, unknown> = { internal_id: ds.internalId[i] };
  for (const field of fields) {
    const getter = mapping[field];
    row[field] = getter ? getter(ds, i) : null;
  }
  if (!fields.includes('recipient_id')) delete row.recipient_id;
  if (fields.includes('Awarding Agency') && row['Awarding Agency']) {
    const toptier = ds.toptierOf(i);
    row.awarding_agency_id = toptier.id;
    row.agency_slug = toptier.slug;
  }
  row.generated_internal_id = ds.generatedId[i];
  return row as UsaspendingAwardRow;
}
