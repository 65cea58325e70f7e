import { ErrorCodes, FreshetError, type SliceRequest, type SliceResult } from '@freshet/core';
import { batchFingerprint, batchUeis, emptyBitmap, hasBit, setBit } from './batches.js';
import { lookupRequest, parseEntitiesPage } from './client.js';
import {
  SAM_GOV_API_KEY_ENV,
  SAM_GOV_MAX_RESULTS,
  SAM_GOV_PAGE_SIZE,
  SAM_GOV_SOURCE_ID,
} from './defaults.js';
import type { SamGovCursor, SamGovEntity, SamGovOptions } from './types.js';

/** Asked before any request: SAM.gov refuses every look-up without a key, and would count it. */
function missingApiKey(): FreshetError {
  return new FreshetError(
    ErrorCodes.AUTH_FAILED,
    `no API key: set ${SAM_GOV_API_KEY_ENV} or the apiKey option (SAM.gov refuses every request without one)`,
    { source: SAM_GOV_SOURCE_ID },
  );
}

/**
 * One slice of a `uei_batch_NNNN` partition: one page (10 records) of the batch's `ueiSAM`
 * look-up. The last page reports the batch's UEIs the API did not return as not found.
 */
export async function fetchBatchPage(
  request: SliceRequest<SamGovOptions, SamGovCursor>,
  list: readonly string[],
): Promise<SliceResult<SamGovEntity, SamGovCursor>> {
  const { partition, options, http, signal, logger } = request;
  const ueis = batchUeis(list, partition.cohort.ordinal, options.batchSize);
  if (!ueis) {
    const batches = Math.ceil(list.length / options.batchSize);
    throw new FreshetError(
      ErrorCodes.PARTITION_KEY_INVALID,
      `${partition.key} is past the last batch: the UEI list holds ${list.length} UEIs, ${batches} ${batches === 1 ? 'batch' : 'batches'} of ${options.batchSize}; list the partitions again`,
      { source: SAM_GOV_SOURCE_ID },
    );
  }
  const fingerprint = batchFingerprint(ueis);
  let cursor = request.cursor;
  if (cursor && cursor.batch !== fingerprint) {
    // The list changed under a partition in progress: its pages would mix two memberships.
    logger.warn(
      { partition: partition.key, page: cursor.page },
      `the UEIs of ${partition.key} changed since it started; fetching it again from the first page`,
    );
    cursor = null;
  }
  const page = cursor?.page ?? 0;
  let found = cursor?.found ?? emptyBitmap(ueis.length);

  const apiKey = options.apiKey;
  if (apiKey === undefined) throw missingApiKey();
  const { body } = await http.json(lookupRequest({ ...options, apiKey }, { ueis, page }, signal));
  const parsed = parseEntitiesPage(body, options.apiVersion);
  if (parsed.totalRecords > SAM_GOV_MAX_RESULTS) {
    throw new FreshetError(
      ErrorCodes.COHORT_TOO_LARGE,
      `${partition.key} matches ${parsed.totalRecords} records, more than the ${SAM_GOV_MAX_RESULTS} the API pages to; use a smaller batchSize`,
      { source: SAM_GOV_SOURCE_ID },
    );
  }

  const position = new Map(ueis.map((uei, i) => [uei, i]));
  for (const entity of parsed.entityData) {
    const at = position.get(entity.entityRegistration.ueiSAM);
    if (at !== undefined) found = setBit(found, at);
  }
  const pages = Math.ceil(parsed.totalRecords / SAM_GOV_PAGE_SIZE);
  const done = page + 1 >= pages;
  const notFound = done ? ueis.filter((_, i) => !hasBit(found, i)) : [];
  return {
    records: parsed.entityData as SamGovEntity[],
    cursor: { page: page + 1, found, batch: fingerprint },
    done,
    total: parsed.totalRecords,
    ...(notFound.length > 0 ? { notFound } : {}),
  };
}
