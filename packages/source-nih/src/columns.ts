import type { SourceColumns } from '@freshet/core';

/** Project fields that exports give typed columns (RePORTER writes its dates as ISO date-times). */
export const NIH_COLUMNS = {
  appl_id: 'integer',
  project_num: 'string',
  core_project_num: 'string',
  fiscal_year: 'integer',
  activity_code: 'string',
  award_type: 'string',
  project_title: 'string',
  award_amount: 'number',
  direct_cost_amt: 'number',
  indirect_cost_amt: 'number',
  award_notice_date: 'timestamp',
  project_start_date: 'timestamp',
  project_end_date: 'timestamp',
  budget_start: 'timestamp',
  budget_end: 'timestamp',
  'organization.org_name': 'string',
  'organization.primary_uei': 'string',
  cong_dist: 'string',
} as const satisfies SourceColumns;
