import { defineSource, isoWeekCohorts, type Source } from '@freshet/core';
import { classifyNihResponse } from './classify.js';
import { searchBody, searchProjects } from './client.js';
import { NIH_COLUMNS } from './columns.js';
import { NIH_DEFAULT_QUOTA, NIH_DEFAULT_SLA, NIH_SOURCE_ID } from './defaults.js';
import { optionsSchema, resolveOptions } from './options.js';
import { planPage, readCursor, sliceFromPage } from './paging.js';
import { listWeeks } from './partitions.js';
import type { NihCursor, NihOptions, NihOptionsInput, NihProject } from './types.js';
import { noticeDateRange } from './week.js';

/** `project_week_2025-W12`: the ISO week of a project's `award_notice_date`. */
export const nihCohorts = isoWeekCohorts({ prefix: 'project_week' });

/**
 * NIH RePORTER (`POST /v2/projects/search`): SBIR/STTR projects by ISO week of their award
 * notice, 500 a request, one request a second. Throws OPTIONS_INVALID for bad options.
 */
export function nih(options: NihOptionsInput = {}): Source<NihOptions, NihProject, NihCursor> {
  const resolved = resolveOptions(options);
  return defineSource<NihOptions, NihProject, NihCursor>({
    id: NIH_SOURCE_ID,
    description: 'NIH RePORTER projects (SBIR/STTR activity codes) by ISO week of award notice',
    cohort: nihCohorts,
    quota: structuredClone(NIH_DEFAULT_QUOTA),
    sla: NIH_DEFAULT_SLA,
    options: resolved,
    optionsSchema,
    async listPartitions({ range, now, options: opts }) {
      return listWeeks(nihCohorts, range, now, opts.recentWeeks);
    },
    async fetchSlice({ partition, cursor, options: opts, http, signal, logger }) {
      const from = readCursor(partition.key, cursor);
      const plan = planPage(from, opts.limit);
      const body = searchBody(opts, noticeDateRange(partition.cohort), plan);
      const page = await searchProjects(http, opts.baseUrl, body, signal);
      return sliceFromPage(partition.key, from, plan, page, logger);
    },
    recordKey: (project) => String(project.appl_id),
    columns: NIH_COLUMNS,
    classifyResponse: classifyNihResponse,
  });
}
