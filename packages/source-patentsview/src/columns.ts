import type { SourceColumns } from '@freshet/core';

/** Patent fields that exports give typed columns; the hyperlinked groups stay in the payload JSON. */
export const PATENTSVIEW_COLUMNS = {
  patent_id: 'string',
  patent_title: 'string',
  patent_date: 'date',
  patent_type: 'string',
  patent_abstract: 'string',
  withdrawn: 'boolean',
} as const satisfies SourceColumns;
