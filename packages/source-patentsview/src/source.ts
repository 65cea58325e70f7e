import { defineSource, ErrorCodes, FreshetError, monthCohorts, type Source } from '@freshet/core';
import { classifyPatentsViewResponse } from './classify.js';
import { grantMonthParams, searchPatents } from './client.js';
import { PATENTSVIEW_COLUMNS } from './columns.js';
import {
  PATENTSVIEW_API_KEY_ENV,
  PATENTSVIEW_DEFAULT_QUOTA,
  PATENTSVIEW_DEFAULT_SLA,
  PATENTSVIEW_SOURCE_ID,
} from './defaults.js';
import { grantDays } from './month.js';
import { optionsSchema, resolveOptions } from './options.js';
import { sliceFromPage } from './paging.js';
import { listMonths } from './partitions.js';
import type {
  PatentsViewCursor,
  PatentsViewOptions,
  PatentsViewOptionsInput,
  PatentsViewPatent,
} from './types.js';

/** `grant_month_2025-01`: the calendar month of a patent's grant date (`patent_date`). */
export const patentsviewCohorts = monthCohorts({ prefix: 'grant_month' });

function missingKey(): FreshetError {
  return new FreshetError(
    ErrorCodes.AUTH_FAILED,
    `no API key: set ${PATENTSVIEW_API_KEY_ENV} or the apiKey option (the API refuses requests without X-Api-Key)`,
    { source: PATENTSVIEW_SOURCE_ID },
  );
}

/**
 * PatentsView PatentSearch (`/api/v1/patent/`): granted patents by grant month, 1,000 a
 * request, paged with `after` on `patent_id`, 45 requests a minute per key. Throws
 * OPTIONS_INVALID for bad options; a missing key fails the first slice with AUTH_FAILED.
 */
export function patentsview(
  options: PatentsViewOptionsInput = {},
): Source<PatentsViewOptions, PatentsViewPatent, PatentsViewCursor> {
  const resolved = resolveOptions(options);
  return defineSource<PatentsViewOptions, PatentsViewPatent, PatentsViewCursor>({
    id: PATENTSVIEW_SOURCE_ID,
    description: 'PatentsView PatentSearch granted patents by grant month',
    cohort: patentsviewCohorts,
    quota: structuredClone(PATENTSVIEW_DEFAULT_QUOTA),
    sla: PATENTSVIEW_DEFAULT_SLA,
    options: resolved,
    optionsSchema,
    async listPartitions({ range, now, options: opts }) {
      return listMonths(patentsviewCohorts, range, now, opts.recentMonths);
    },
    async fetchSlice({ partition, cursor, options: opts, http, signal }) {
      const apiKey = opts.apiKey;
      if (!apiKey) throw missingKey();
      const after = cursor?.after ?? null;
      const params = grantMonthParams(opts, grantDays(partition.cohort), after);
      const page = await searchPatents(http, { ...opts, apiKey }, params, signal);
      return sliceFromPage(partition.key, page, after, opts.pageSize);
    },
    recordKey: (patent) => patent.patent_id,
    columns: PATENTSVIEW_COLUMNS,
    classifyResponse: classifyPatentsViewResponse,
    ...(resolved.apiKey ? { secrets: [resolved.apiKey] } : {}),
  });
}
