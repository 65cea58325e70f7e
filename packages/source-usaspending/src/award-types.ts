/**
 * The award type groups of `filters.award_type_codes` and the fields each can return, as the
 * `spending_by_award` contract lists them. One request may only mix codes of one group.
 */

export const AWARD_TYPE_GROUPS = [
  'contracts',
  'idvs',
  'grants',
  'direct_payments',
  'loans',
  'other',
] as const;

export type AwardTypeGroup = (typeof AWARD_TYPE_GROUPS)[number];

export const AWARD_TYPE_CODES: Readonly<Record<AwardTypeGroup, readonly string[]>> = {
  contracts: ['A', 'B', 'C', 'D'],
  idvs: ['IDV_A', 'IDV_B', 'IDV_B_A', 'IDV_B_B', 'IDV_B_C', 'IDV_C', 'IDV_D', 'IDV_E'],
  grants: ['02', '03', '04', '05'],
  direct_payments: ['06', '10'],
  loans: ['07', '08'],
  // -1 is the API's catch-all for awards with an invalid type.
  other: ['09', '11', '-1'],
};

/** Fields every award search can ask for ("Base fields"). */
const BASE_FIELDS = [
  'Award ID',
  'Recipient Name',
  'Recipient DUNS Number',
  'recipient_id',
  'Awarding Agency',
  'Awarding Agency Code',
  'Awarding Sub Agency',
  'Awarding Sub Agency Code',
  'Funding Agency',
  'Funding Agency Code',
  'Funding Sub Agency',
  'Funding Sub Agency Code',
  'Place of Performance City Code',
  'Place of Performance State Code',
  'Place of Performance Country Code',
  'Place of Performance Zip5',
  'Description',
  'Last Modified Date',
  'Base Obligation Date',
  'prime_award_recipient_id',
  'generated_internal_id',
  'def_codes',
  'COVID-19 Obligations',
  'COVID-19 Outlays',
  'Infrastructure Obligations',
  'Infrastructure Outlays',
  'Recipient UEI',
  'Recipient Location',
  'Primary Place of Performance',
] as const;

const CONTRACT_FIELDS = [
  'Start Date',
  'End Date',
  'Award Amount',
  'Total Outlays',
  'Contract Award Type',
  'NAICS',
  'PSC',
];
const IDV_FIELDS = [
  'Start Date',
  'Award Amount',
  'Total Outlays',
  'Contract Award Type',
  'Last Date to Order',
  'NAICS',
  'PSC',
];
const LOAN_FIELDS = [
  'Issued Date',
  'Loan Value',
  'Subsidy Cost',
  'SAI Number',
  'CFDA Number',
  'Assistance Listings',
  'primary_assistance_listing',
];
const NON_LOAN_FIELDS = [
  'Start Date',
  'End Date',
  'Award Amount',
  'Total Outlays',
  'Award Type',
  'SAI Number',
  'CFDA Number',
  'Assistance Listings',
  'primary_assistance_listing',
];

/** Every field the contract lets a search of the group ask for. */
export const GROUP_FIELDS: Readonly<Record<AwardTypeGroup, readonly string[]>> = {
  contracts: [...BASE_FIELDS, ...CONTRACT_FIELDS],
  idvs: [...BASE_FIELDS, ...IDV_FIELDS],
  grants: [...BASE_FIELDS, ...NON_LOAN_FIELDS],
  direct_payments: [...BASE_FIELDS, ...NON_LOAN_FIELDS],
  loans: [...BASE_FIELDS, ...LOAN_FIELDS],
  other: [...BASE_FIELDS, ...NON_LOAN_FIELDS],
};

const COMMON_DEFAULTS = [
  'Award ID',
  'Recipient Name',
  'Recipient UEI',
  'Description',
  'Awarding Agency',
  'Awarding Agency Code',
  'Awarding Sub Agency',
  'Awarding Sub Agency Code',
  'Funding Agency',
  'Funding Sub Agency',
  'Base Obligation Date',
  'Last Modified Date',
];

const NON_LOAN_DEFAULTS = [
  ...COMMON_DEFAULTS,
  'Start Date',
  'End Date',
  'Award Amount',
  'Total Outlays',
  'Award Type',
  'CFDA Number',
];

/**
 * What a search asks for unless `fields` says otherwise: who, what, which agency and the money,
 * in each group's own terms (Contract Award Type, NAICS and PSC for procurement; Award Type and
 * the Assistance Listing for assistance; Loan Value and Subsidy Cost for loans).
 */
export const DEFAULT_FIELDS: Readonly<Record<AwardTypeGroup, readonly string[]>> = {
  // All the contract fields, the same as the contract lists them.
  contracts: [...COMMON_DEFAULTS, ...CONTRACT_FIELDS],
  idvs: [
    ...COMMON_DEFAULTS,
    'Start Date',
    'Last Date to Order',
    'Award Amount',
    'Total Outlays',
    'Contract Award Type',
    'NAICS',
    'PSC',
  ],
  grants: NON_LOAN_DEFAULTS,
  direct_payments: NON_LOAN_DEFAULTS,
  loans: [...COMMON_DEFAULTS, 'Issued Date', 'Loan Value', 'Subsidy Cost', 'CFDA Number'],
  other: NON_LOAN_DEFAULTS,
};
