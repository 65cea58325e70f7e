import type { SourceColumns } from '@freshet/core';

/** Award fields that exports give typed columns: the default fields, named as the API names them. */
export const USASPENDING_COLUMNS = {
  generated_internal_id: 'string',
  internal_id: 'integer',
  'Award ID': 'string',
  'Recipient Name': 'string',
  'Recipient UEI': 'string',
  Description: 'string',
  'Start Date': 'date',
  'End Date': 'date',
  'Award Amount': 'number',
  'Awarding Agency': 'string',
  'Awarding Sub Agency': 'string',
  awarding_agency_id: 'integer',
} as const satisfies SourceColumns;
