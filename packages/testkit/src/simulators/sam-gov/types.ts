import type { RateLimitConfig, Simulator, SimulatorServingOptions } from '../../sim/types.js';

export interface SamAddress {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  stateOrProvinceCode: string;
  zipCode: string;
  zipCodePlus4: string | null;
  countryCode: string;
}

/** `entityRegistration`, field for field as the recorded v3 samples show it. */
export interface SamEntityRegistration {
  samRegistered: string;
  ueiSAM: string;
  entityEFTIndicator: string | null;
  cageCode: string | null;
  dodaac: string | null;
  legalBusinessName: string;
  dbaName: string | null;
  purposeOfRegistrationCode: string;
  purposeOfRegistrationDesc: string;
  registrationStatus: string;
  evsSource: string;
  registrationDate: string;
  lastUpdateDate: string;
  registrationExpirationDate: string;
  activationDate: string;
  ueiStatus: string;
  ueiExpirationDate: string | null;
  ueiCreationDate: string;
  publicDisplayFlag: string;
  exclusionStatusFlag: string;
  exclusionURL: string | null;
  dnbOpenData: string | null;
}

export interface SamCoreData {
  entityInformation: {
    entityURL: string | null;
    entityDivisionName: string | null;
    entityDivisionNumber: string | null;
    entityStartDate: string;
    fiscalYearEndCloseDate: string;
    submissionDate: string;
  };
  physicalAddress: SamAddress;
  mailingAddress: SamAddress;
  congressionalDistrict: string;
  generalInformation: {
    entityStructureCode: string;
    entityStructureDesc: string;
    entityTypeCode: string;
    entityTypeDesc: string;
    profitStructureCode: string;
    profitStructureDesc: string;
    organizationStructureCode: string | null;
    organizationStructureDesc: string | null;
    stateOfIncorporationCode: string | null;
    stateOfIncorporationDesc: string | null;
    countryOfIncorporationCode: string;
    countryOfIncorporationDesc: string;
  };
  businessTypes: {
    businessTypeList: Array<{ businessTypeCode: string; businessTypeDesc: string }>;
    sbaBusinessTypeList: Array<{
      sbaBusinessTypeCode: string | null;
      sbaBusinessTypeDesc: string | null;
      certificationEntryDate: string | null;
      certificationExitDate: string | null;
    }>;
  };
  financialInformation: { creditCardUsage: string; debtSubjectToOffset: string };
}

export interface SamPointOfContact {
  firstName: string | null;
  middleInitial: string | null;
  lastName: string | null;
  title: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  stateOrProvinceCode: string | null;
  zipCode: string | null;
  zipCodePlus4: string | null;
  countryCode: string | null;
}

/** One `entityData[]` item with every section; a response carries only the sections asked for. */
export interface SamEntity {
  entityRegistration: SamEntityRegistration;
  coreData: SamCoreData;
  assertions: Record<string, unknown>;
  repsAndCerts: Record<string, unknown>;
  pointsOfContact: Record<string, SamPointOfContact>;
  integrityInformation: Record<string, unknown>;
}

export const SAM_SECTIONS = [
  'entityRegistration',
  'coreData',
  'assertions',
  'repsAndCerts',
  'pointsOfContact',
  'integrityInformation',
] as const;

export type SamSection = (typeof SAM_SECTIONS)[number];

export type SamApiVersion = 'v3' | 'v4';

/** `GET /entity-information/v3/entities`. `links` is absent when nothing matched. */
export interface SamEntitiesResponse {
  totalRecords: number;
  entityData: Array<Partial<SamEntity>>;
  links?: { selfLink: string; nextLink?: string };
}

/** The v3 error body (official docs: "status, timestamp, message, detail, errorCode, transaction_id"). */
export interface SamErrorBody {
  status: number;
  timestamp: string;
  message: string;
  detail: string;
  errorCode: string;
  transaction_id: string;
}

/** The API gateway's answer once a key's daily quota is spent (third-party report of a live 429). */
export interface SamThrottleBody {
  code: string;
  message: string;
  description: string;
}

/**
 * Kinds of API key and their requests per 24 hours: a personal key without a role, a personal
 * key with a role (or a non-federal system account), a federal system account.
 */
export type SamKeyRole = 'personal' | 'role' | 'federal';

export interface SamGovDatasetOptions {
  /** Default 1. */
  seed?: number;
  /** Registered entities. Default 1,000. */
  entities?: number;
  /** The dataset's "today" (`YYYY-MM-DD`): registrations expiring before it are Inactive. Default `2025-06-30`. */
  asOf?: string;
  /**
   * The share of UEIs with several registrations (2 or 3, the extra ones with an EFT indicator
   * and their own CAGE code), as SAM.gov returns for some UEIs. Default 0.04; 0 for one each.
   */
  multiRegistrationShare?: number;
}

export interface SamGovSimulatorOptions extends SamGovDatasetOptions, SimulatorServingOptions {
  /** Keys the simulator accepts. Default `['sam-sim-key']`. */
  apiKeys?: readonly string[];
  /**
   * Also take the key from the `X-Api-Key` header. Default false: only the `api_key` query
   * parameter, the one the official OpenAPI file documents; a key sent otherwise is "missing".
   */
  acceptKeyHeader?: boolean;
  /** The daily quota every key gets: personal 10, role 1,000, federal 10,000. Default `role`. */
  role?: SamKeyRole;
  /** Overrides the role's daily quota (per key); null turns limiting off. */
  rateLimit?: RateLimitConfig | null;
}

export interface SamLookup {
  /** Sections as `includeSections` names them; default entityRegistration, coreData, assertions, pointsOfContact. */
  includeSections?: readonly string[];
  registrationStatus?: 'A' | 'E';
  version?: SamApiVersion;
}

export interface SamGovSimulator extends Simulator<string> {
  readonly size: number;
  /** The first accepted key. */
  readonly apiKey: string;
  /** Requests per key per UTC day under the default limit; null when limiting is off. */
  readonly dailyLimit: number | null;
  /** Every registered UEI, ascending. */
  ueis(): string[];
  /** The full record of one UEI's first registration (every section), or undefined when the API would not find it. */
  entity(uei: string, version?: SamApiVersion): SamEntity | undefined;
  /** Every registration of one UEI (every section), first the one without an EFT indicator; [] when unknown. */
  registrations(uei: string, version?: SamApiVersion): SamEntity[];
  /** The UEIs with more than one registration, ascending. */
  multiRegistrationUeis(): string[];
  /** What a `ueiSAM` look-up returns over all its pages, in the API's order (UEI ascending, then registration). */
  truth(ueis: readonly string[], lookup?: SamLookup): Array<Partial<SamEntity>>;
  /** `count` well-formed UEIs the simulator has no registration for (a look-up skips them). */
  missingUeis(count: number): string[];
}
