/** The fields the recorded `spending_by_award` searches asked for (the fixtures' page 1 and 9). */
export const RECORDED_FIELDS = [
  'Award ID',
  'Recipient Name',
  'Description',
  'Start Date',
  'End Date',
  'Award Amount',
  'Awarding Agency',
  'Awarding Sub Agency',
  'Funding Agency',
  'Funding Sub Agency',
];
