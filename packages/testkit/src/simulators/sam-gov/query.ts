import { hitOf, type SamDataset } from './dataset.js';
import {
  type ApiError,
  DATES_DETAIL,
  DATES_MESSAGE,
  RESULTS_TOO_LARGE_DETAIL,
  RESULTS_TOO_LARGE_MESSAGE,
  SIZE_DETAIL,
  sizeMessage,
  TOO_MANY_CAGES_DETAIL,
  TOO_MANY_CAGES_MESSAGE,
  TOO_MANY_UEIS_DETAIL,
  TOO_MANY_UEIS_MESSAGE,
  UNKNOWN_PARAMETER_DETAIL,
  unknownParameterMessage,
} from './messages.js';
import { SAM_SECTIONS, type SamSection } from './types.js';

export const MAX_UEIS = 100;
export const MAX_SIZE = 10;
export const DEFAULT_SIZE = 10;
/** Only the first 10,000 results of a query can be paged to. */
export const MAX_RESULTS = 10_000;

/** Every query parameter of `GET /entity-information/v3/entities` in the official OpenAPI file. */
const KNOWN_PARAMETERS = new Set(
  `activationDate cageCode dbaName debtSubjectToOffset dodaac ueiSAM entityEFTIndicator entityStructureCode
  entityStructureDesc exclusionStatusFlag legalBusinessName primaryNaics purposeOfRegistrationCode
  purposeOfRegistrationDesc registrationDate updateDate physicalAddressCity physicalAddressCongressionalDistrict
  physicalAddressCountryCode physicalAddressProvinceOrStateCode physicalAddressZipPostalCode businessTypeCode
  businessTypeDesc entityType organizationStructureCode organizationStructureDesc stateOfIncorporationCode
  stateOfIncorporationDesc countryOfIncorporationCode countryOfIncorporationDesc naicsCode naicsDesc naicsLimitedSB
  pscCode pscDesc servedDisasterStateCode servedDisasterStateName servedDisasterCountyCode servedDisasterCountyName
  servedDisasterMSA sbaBusinessTypeCode sbaBusinessTypeDesc includeSections q page size format emailId sort
  sortOrder isActive naicsUI pscUI organizationId edi companySecurityLevelCode highestEmployeeSecurityLevelCode
  companySecurityLevelDesc highestEmployeeSecurityLevelDesc ultimateParentUEISAM agencyBusinessPurposeCode
  agencyBusinessPurposeDesc sensitivity routingNumber bankName accountNumber eftWaiverFlag agencyLocationCode
  disbursingOfficeSymbol taxpayerName taxpayerIdentificationNumber proceedingFlag execCompensationFlag
  isDisasterResponseParticipant activationDateFrom activationDateTo expirationDateFrom expirationDateTo
  createDateFrom createDateTo country classification samRegistered registrationExpirationDate ueiCreationDate
  registrationStatus cityStateZipCongFlag physicalAddressCongressionalDistrictState qMode exactMatch api_key
  proceedingsData`.split(/\s+/),
);

/** The parameters this simulator acts on; the other known ones answer 400 rather than being ignored. */
const SIMULATED = new Set([
  'api_key',
  'ueiSAM',
  'cageCode',
  'legalBusinessName',
  'registrationStatus',
  'updateDate',
  'registrationDate',
  'samRegistered',
  'includeSections',
  'page',
  'size',
]);

/** Sections a response has when `includeSections` is absent or `All`. */
const DEFAULT_SECTIONS: readonly SamSection[] = [
  'entityRegistration',
  'coreData',
  'assertions',
  'pointsOfContact',
];

export interface EntityFilter {
  ueis?: string[];
  cages?: Set<string>;
  /** Upper case; matches part of the legal business name. */
  name?: string;
  active?: boolean;
  updated?: [number, number];
  registered?: [number, number];
  /** samRegistered=No asks for UEI-only (unregistered) entities: this dataset has none. */
  unregistered?: boolean;
}

export interface ParsedQuery {
  filter: EntityFilter;
  sections: Set<SamSection>;
  page: number;
  size: number;
}

export type ParseResult = { ok: true; value: ParsedQuery } | { ok: false; error: ApiError };

const bad = (message: string, detail: string): ParseResult => ({
  ok: false,
  error: { status: 400, message, detail },
});

const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** `MM/DD/YYYY` to epoch days; undefined unless it is a real calendar date. */
export function parseUsDate(text: string): number | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / 86_400_000;
}

/** `MM/DD/YYYY` (one day) or `[MM/DD/YYYY,MM/DD/YYYY]` (inclusive range). */
export function parseDateParameter(value: string): [number, number] | undefined {
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const parts = text.slice(1, -1).split(',');
    if (parts.length !== 2) return undefined;
    const from = parseUsDate(parts[0] as string);
    const to = parseUsDate(parts[1] as string);
    return from === undefined || to === undefined ? undefined : [from, to];
  }
  const day = parseUsDate(text);
  return day === undefined ? undefined : [day, day];
}

/** `A`, `[A~B~C]` (the documented form) or `A~B`; commas are accepted as well. */
export function parseMultiValue(value: string): string[] {
  const text = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return text
    .split(/[~,]/)
    .map((v) => v.trim().toUpperCase())
    .filter((v) => v !== '');
}

function parseSections(value: string | null): Set<SamSection> | ApiError {
  if (value === null || value.trim() === '') return new Set(DEFAULT_SECTIONS);
  const out = new Set<SamSection>();
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (name.toLowerCase() === 'all') {
      for (const s of DEFAULT_SECTIONS) out.add(s);
      continue;
    }
    const match = SAM_SECTIONS.find((s) => s.toLowerCase() === name.toLowerCase());
    // Not seen from the real API; worded in its style.
    if (!match)
      return {
        status: 400,
        message: `The section, ${name} does not exist.`,
        detail: `Allowable values for includeSections are ${SAM_SECTIONS.join(', ')} and All.`,
      };
    out.add(match);
  }
  return out.size === 0 ? new Set(DEFAULT_SECTIONS) : out;
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** Validates the query string the way the API does; the first problem answers. */
export function parseQuery(params: URLSearchParams): ParseResult {
  for (const name of params.keys()) {
    if (!KNOWN_PARAMETERS.has(name)) return bad(unknownParameterMessage(name), UNKNOWN_PARAMETER_DETAIL);
    if (!SIMULATED.has(name))
      return bad(
        `The search parameter, ${name} is not supported by the SAM.gov simulator.`,
        'The simulator implements ueiSAM, cageCode, legalBusinessName, registrationStatus, updateDate, registrationDate, samRegistered, includeSections, page and size.',
      );
  }

  const filter: EntityFilter = {};
  for (const [name, key] of [
    ['updateDate', 'updated'],
    ['registrationDate', 'registered'],
  ] as const) {
    const value = params.get(name);
    if (value === null) continue;
    const range = parseDateParameter(value);
    if (!range) return bad(DATES_MESSAGE, DATES_DETAIL);
    filter[key] = range;
  }

  const uei = params.get('ueiSAM');
  if (uei !== null) {
    const ueis = [...new Set(parseMultiValue(uei))];
    if (ueis.length > MAX_UEIS) return bad(TOO_MANY_UEIS_MESSAGE, TOO_MANY_UEIS_DETAIL);
    filter.ueis = ueis;
  }
  const cage = params.get('cageCode');
  if (cage !== null) {
    const cages = parseMultiValue(cage);
    if (cages.length > MAX_UEIS) return bad(TOO_MANY_CAGES_MESSAGE, TOO_MANY_CAGES_DETAIL);
    filter.cages = new Set(cages);
  }
  const name = params.get('legalBusinessName');
  if (name !== null && name.trim() !== '') filter.name = name.trim().toUpperCase();

  const status = params.get('registrationStatus');
  if (status !== null) {
    const code = status.trim().toUpperCase();
    // Not seen from the real API; worded like its proceedingsData message.
    if (code !== 'A' && code !== 'E')
      return bad(
        `The search parameter 'registrationStatus' contains an invalid value - ${status}.`,
        'Allowable values are A (Active) and E (Expired).',
      );
    filter.active = code === 'A';
  }
  const registered = params.get('samRegistered');
  if (registered !== null) {
    const value = registered.trim().toLowerCase();
    if (value !== 'yes' && value !== 'no')
      return bad(
        `The search parameter 'samRegistered' contains an invalid value - ${registered}.`,
        'Allowable values are Yes and No.',
      );
    if (value === 'no') filter.unregistered = true;
  }

  const sections = parseSections(params.get('includeSections'));
  if (!(sections instanceof Set)) return { ok: false, error: sections };

  const sizeText = params.get('size');
  const size = sizeText === null ? DEFAULT_SIZE : wholeNumber(sizeText);
  if (sizeText !== null && size !== undefined && size > MAX_SIZE)
    return bad(sizeMessage(sizeText), SIZE_DETAIL);
  // Not seen from the real API: a size of 0 or one that is not a number.
  if (size === undefined || size < 1)
    return bad(sizeMessage(sizeText ?? ''), 'Size must be a whole number from 1 to 10');
  const pageText = params.get('page');
  const page = pageText === null ? 0 : wholeNumber(pageText);
  if (page === undefined) return bad(`page is ${pageText}`, 'Page must be a whole number, counting from 0');
  if (page * size >= MAX_RESULTS) return bad(RESULTS_TOO_LARGE_MESSAGE, RESULTS_TOO_LARGE_DETAIL);

  return { ok: true, value: { filter, sections, page, size } };
}

function inRange(day: number, range: [number, number] | undefined): boolean {
  return range === undefined || (day >= range[0] && day <= range[1]);
}

/**
 * Registrations that match, as hits (`hitOf(i, r)`), in the API's order: UEI ascending, and a
 * UEI's registrations together, the first one first.
 */
export function search(
  ds: SamDataset,
  filter: EntityFilter,
  build: (hit: number) => { cage: string | null; name: string },
): number[] {
  if (filter.unregistered) return [];
  const candidates: Iterable<number> = filter.ueis
    ? filter.ueis.flatMap((u) => {
        const i = ds.indexOf(u);
        return i === undefined ? [] : [i];
      })
    : ds.uei.keys();
  const hits: number[] = [];
  for (const i of candidates) {
    if (filter.active !== undefined && ds.active(i) !== filter.active) continue;
    if (!inRange(ds.lastUpdateDay[i] as number, filter.updated)) continue;
    if (!inRange(ds.registrationDay[i] as number, filter.registered)) continue;
    for (let r = 0; r < ds.registrationCount(i); r++) {
      const hit = hitOf(i, r);
      if (filter.cages || filter.name) {
        const { cage, name } = build(hit);
        if (filter.cages && (cage === null || !filter.cages.has(cage))) continue;
        if (filter.name && !name.includes(filter.name)) continue;
      }
      hits.push(hit);
    }
  }
  return hits.sort((a, b) => a - b);
}
