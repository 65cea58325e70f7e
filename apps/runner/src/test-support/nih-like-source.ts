import { type AnySource, defineSource, isoWeekCohorts } from '@freshet/core';
import { fastQuota } from './sources.js';

type Cursor = { offset: number };
type Project = { appl_id: number; [field: string]: unknown };
type Page = { meta: { total: number }; results: Project[] };

const ymd = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A small NIH RePORTER source for runner tests, independent of `@freshet/source-nih`: ISO
 * weeks of award notice, offset paging over `POST /v2/projects/search`.
 */
export function nihLikeSource(options: { baseUrl: string; limit?: number; range?: string }): AnySource {
  const cohort = isoWeekCohorts({ prefix: 'project_week' });
  const limit = options.limit ?? 10;
  return defineSource<{ limit: number }, Project, Cursor>({
    id: 'nih',
    cohort,
    quota: fastQuota,
    sla: '7d',
    options: { limit },
    listPartitions: async ({ range }) => cohort.parseRange(range ?? options.range ?? '2024-W01..2024-W03'),
    async fetchSlice({ partition, cursor, http, signal }) {
      const window = partition.cohort.window!;
      const offset = cursor?.offset ?? 0;
      const { body } = await http.json({
        method: 'POST',
        url: `${options.baseUrl}/v2/projects/search`,
        json: {
          criteria: {
            award_notice_date: {
              from_date: ymd(window.start),
              to_date: ymd(new Date(window.end.getTime() - 86_400_000)),
            },
          },
          offset,
          limit,
          sort_field: 'appl_id',
          sort_order: 'asc',
        },
        signal,
      });
      const page = body as Page;
      const next = offset + page.results.length;
      return {
        records: page.results,
        cursor: { offset: next },
        done: next >= page.meta.total,
        total: page.meta.total,
      };
    },
    recordKey: (project) => String(project.appl_id),
  });
}
