import type { SAM_GOV_SECTIONS } from './defaults.js';

export type SamGovSection = (typeof SAM_GOV_SECTIONS)[number];

/** Another source's records whose payload `field` holds UEIs (USAspending's `recipient_uei`). */
export interface UeisFromSource {
  source: string;
  field: string;
}

/** What `samGov(options)` accepts. */
export interface SamGovOptionsInput {
  /** Default `https://api.sam.gov`. */
  baseUrl?: string;
  /** Default: the `SAM_GOV_API_KEY` environment variable. */
  apiKey?: string;
  /** Where the key goes: the `api_key` query parameter (default, as documented) or the `X-Api-Key` header. */
  keyIn?: 'query' | 'header';
  /** `v3` (default) or `v4` (the same plus one Reps and Certs field). */
  apiVersion?: 'v3' | 'v4';
  /** Sections to fetch; must include entityRegistration. Default `entityRegistration,coreData`. */
  includeSections?: readonly string[] | string;
  /** Only Active (`A`) or Expired (`E`) registrations; by default both. */
  registrationStatus?: 'A' | 'E';
  /** UEIs per partition, 1 to 100. Default 100. */
  batchSize?: number;
  /**
   * A CSV with a `uei`/`ueiSAM` column, JSON Lines with a `uei`/`ueiSAM` field, or one UEI per
   * line. A relative path means the project root, as the configuration's `store.path` does.
   */
  ueiFile?: string;
  /** UEIs given inline. */
  ueis?: readonly string[];
  /** UEIs found in other sources' records, e.g. `[{ source: 'usaspending', field: 'recipient_uei' }]`. */
  ueisFromSources?: readonly UeisFromSource[];
}

/** The options a source runs with: validated, defaults applied. */
export interface SamGovOptions {
  baseUrl: string;
  /** Undefined when neither the option nor SAM_GOV_API_KEY gives one: every slice then fails with AUTH_FAILED. */
  apiKey?: string | undefined;
  keyIn: 'query' | 'header';
  apiVersion: 'v3' | 'v4';
  includeSections: SamGovSection[];
  registrationStatus?: 'A' | 'E' | undefined;
  batchSize: number;
  ueiFile?: string | undefined;
  ueis?: string[] | undefined;
  ueisFromSources?: UeisFromSource[] | undefined;
}

/** `entityRegistration` as v3 returns it; every other field passes through. */
export interface SamGovEntityRegistration {
  ueiSAM: string;
  entityEFTIndicator?: string | null;
  cageCode?: string | null;
  legalBusinessName?: string | null;
  registrationStatus?: string | null;
  registrationDate?: string | null;
  lastUpdateDate?: string | null;
  registrationExpirationDate?: string | null;
  activationDate?: string | null;
  ueiStatus?: string | null;
  [field: string]: unknown;
}

/** One `entityData[]` item, one registration: the sections asked for, kept whole. Key: `samGovRecordKey`. */
export interface SamGovEntity {
  entityRegistration: SamGovEntityRegistration;
  coreData?: Record<string, unknown> | null;
  [section: string]: unknown;
}

/**
 * Where the next slice of a `uei_batch_NNNN` partition starts. `found` is a hex bitmap of the
 * batch's UEIs returned so far (the last slice reports the rest as not found); `batch`
 * fingerprints the batch's UEIs, so a changed list restarts the partition instead of mixing two.
 */
export type SamGovCursor = {
  page: number;
  found: string;
  batch: string;
};
