import {
  batchCohorts,
  type Cohort,
  defineSource,
  ErrorCodes,
  FreshetError,
  type Source,
} from '@freshet/core';
import { batchCount } from './batches.js';
import { classifySamGovResponse } from './classify.js';
import { SAM_GOV_COLUMNS } from './columns.js';
import {
  SAM_GOV_DEFAULT_QUOTA,
  SAM_GOV_DEFAULT_SLA,
  SAM_GOV_MAX_UEIS,
  SAM_GOV_PAGE_SIZE,
  SAM_GOV_SOURCE_ID,
} from './defaults.js';
import { optionsSchema, resolveOptions } from './options.js';
import { samGovRecordKey } from './record-key.js';
import { fetchBatchPage } from './slice.js';
import type { SamGovCursor, SamGovEntity, SamGovOptions, SamGovOptionsInput } from './types.js';
import { UeiListCache } from './ueis-cache.js';

/** `uei_batch_0001` … `uei_batch_9999`. */
export const samGovCohorts = batchCohorts({ prefix: 'uei_batch' });

const MAX_BATCHES = 9_999;

/**
 * The SAM.gov Entity Management API source: entity registrations looked up by UEI, 100 UEIs
 * per `uei_batch_NNNN` partition over a sorted list of UEIs from configuration. Throws
 * OPTIONS_INVALID for bad options; a missing key fails the first slice with AUTH_FAILED.
 */
export function samGov(input: SamGovOptionsInput = {}): Source<SamGovOptions, SamGovEntity, SamGovCursor> {
  const options = resolveOptions(input);
  const lists = new UeiListCache();
  return defineSource({
    id: SAM_GOV_SOURCE_ID,
    description:
      'SAM.gov entity registrations (Entity Management API), looked up by UEI in batches of up to 100',
    cohort: samGovCohorts,
    quota: SAM_GOV_DEFAULT_QUOTA,
    sla: SAM_GOV_DEFAULT_SLA,
    options,
    optionsSchema,
    ...(options.apiKey ? { secrets: [options.apiKey] } : {}),

    async listPartitions(ctx) {
      const list = await lists.refresh(ctx.options, ctx.recordKeysOf, ctx.rootDir);
      const count = batchCount(list.length, ctx.options.batchSize);
      if (count > MAX_BATCHES) {
        throw new FreshetError(
          ErrorCodes.OPTIONS_INVALID,
          `the UEI list holds ${list.length} UEIs: at batchSize ${ctx.options.batchSize} that is ${count} batches, more than the ${MAX_BATCHES} uei_batch_NNNN numbers; use a larger batchSize or a shorter list`,
          { source: SAM_GOV_SOURCE_ID },
        );
      }
      const all: Cohort[] = Array.from({ length: count }, (_, i) => samGovCohorts.fromOrdinal(i + 1));
      if (ctx.range === undefined) return all;
      const wanted = new Set(samGovCohorts.parseRange(ctx.range).map((cohort) => cohort.ordinal));
      return all.filter((cohort) => wanted.has(cohort.ordinal));
    },

    async fetchSlice(request) {
      return fetchBatchPage(request, await lists.get(request.options, request.rootDir));
    },

    recordKey: samGovRecordKey,
    columns: SAM_GOV_COLUMNS,
    classifyResponse: (response) => classifySamGovResponse(response),

    // Every UEI found: one request per 10 of them (a batch's last one may be smaller).
    estimateCalls: (_cohort, opts) =>
      Math.max(1, Math.ceil(Math.min(opts.batchSize, SAM_GOV_MAX_UEIS) / SAM_GOV_PAGE_SIZE)),
  });
}
