import { defineSource, type Source, yearCohorts } from '@freshet/core';
import { classifyUsaspendingResponse } from './classify.js';
import { searchAwards, searchBody } from './client.js';
import { USASPENDING_COLUMNS } from './columns.js';
import { USASPENDING_DEFAULT_QUOTA, USASPENDING_DEFAULT_SLA, USASPENDING_SOURCE_ID } from './defaults.js';
import { fiscalYearPeriod, listFiscalYears } from './fiscal-years.js';
import { optionsSchema, resolveOptions } from './options.js';
import { sliceFromPage, startPosition } from './paging.js';
import type {
  UsaspendingAward,
  UsaspendingCursor,
  UsaspendingOptions,
  UsaspendingOptionsInput,
} from './types.js';

/** `award_year_2024`: the federal fiscal year (October 1 to September 30) of an award's action date. */
export const usaspendingCohorts = yearCohorts({ prefix: 'award_year', fiscal: true });

/**
 * USAspending (`POST /api/v2/search/spending_by_award/`): prime awards by federal fiscal year,
 * one award type group after another, 100 a request, 120 requests a minute, no key. Throws
 * OPTIONS_INVALID for bad options.
 */
export function usaspending(
  options: UsaspendingOptionsInput = {},
): Source<UsaspendingOptions, UsaspendingAward, UsaspendingCursor> {
  const resolved = resolveOptions(options);
  return defineSource<UsaspendingOptions, UsaspendingAward, UsaspendingCursor>({
    id: USASPENDING_SOURCE_ID,
    description:
      'USAspending prime awards by fiscal year of their latest action, one award type group at a time',
    cohort: usaspendingCohorts,
    quota: structuredClone(USASPENDING_DEFAULT_QUOTA),
    sla: USASPENDING_DEFAULT_SLA,
    options: resolved,
    optionsSchema,
    async listPartitions({ range, now, options: opts }) {
      return listFiscalYears(usaspendingCohorts, range, now, opts.recentFiscalYears);
    },
    async fetchSlice({ partition, cursor, options: opts, http, signal, logger }) {
      const period = fiscalYearPeriod(partition.cohort);
      const position = startPosition(partition.key, cursor, opts.awardTypeGroups);
      const body = searchBody({
        group: position.group,
        fields: opts.fields[position.group],
        timePeriod: { ...period, date_type: opts.dateType },
        filters: opts,
        limit: opts.limit,
        page: position.page,
        after: position.after,
      });
      const page = await searchAwards(http, opts.baseUrl, body, signal);
      // Notices such as "filters … were not used" point at a misconfiguration; once per group.
      if (position.page === 1) {
        for (const message of notices(page.messages))
          logger.warn({ partition: partition.key, group: position.group }, message);
      }
      return sliceFromPage(partition.key, position, opts.awardTypeGroups, opts.limit, page);
    },
    recordKey: (award) => award.generated_internal_id,
    columns: USASPENDING_COLUMNS,
    classifyResponse: classifyUsaspendingResponse,
  });
}

/** The API's `messages` minus the time-period notice it sends with every answer. */
export function notices(messages: readonly string[] | null | undefined): string[] {
  return (messages ?? []).filter(
    (message) => !message.startsWith('For searches, time period start and end dates'),
  );
}
