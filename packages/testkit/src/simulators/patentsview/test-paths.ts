/** Paths the sample shows as strings but the real data leaves null for some patents. */
export const NULLABLE_PATHS = [
  'inventors[].inventor_location_id',
  'inventors[].inventor_city',
  'inventors[].inventor_state',
  'inventors[].inventor_country',
  'assignees[].assignee_organization',
  'assignees[].assignee_location_id',
  'assignees[].assignee_city',
  'assignees[].assignee_state',
  'assignees[].assignee_country',
];
