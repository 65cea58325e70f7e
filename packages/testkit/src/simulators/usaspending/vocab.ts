/**
 * Fixed vocabularies the USAspending dataset draws from: the API's real award type codes,
 * groups and agency names; invented awards.
 */

/** The award type groups of `award_type_codes`, in the order `spending_by_award_count` answers. */
export const AWARD_TYPE_GROUPS = [
  'contracts',
  'idvs',
  'grants',
  'direct_payments',
  'loans',
  'other',
] as const;

export type AwardTypeGroup = (typeof AWARD_TYPE_GROUPS)[number];

/** `usaspending_api/awards/v2/lookups/lookups.py`: code → name, per group. */
export const TYPE_MAPPINGS: Readonly<Record<AwardTypeGroup, Readonly<Record<string, string>>>> = {
  contracts: { A: 'BPA Call', B: 'Purchase Order', C: 'Delivery Order', D: 'Definitive Contract' },
  idvs: {
    IDV_A: 'GWAC Government Wide Acquisition Contract',
    IDV_B: 'IDC Multi-Agency Contract, Other Indefinite Delivery Contract',
    IDV_B_A: 'IDC Indefinite Delivery Contract / Requirements',
    IDV_B_B: 'IDC Indefinite Delivery Contract / Indefinite Quantity',
    IDV_B_C: 'IDC Indefinite Delivery Contract / Definite Quantity',
    IDV_C: 'FSS Federal Supply Schedule',
    IDV_D: 'BOA Basic Ordering Agreement',
    IDV_E: 'BPA Blanket Purchase Agreement',
  },
  grants: {
    '02': 'Block Grant',
    '03': 'Formula Grant',
    '04': 'Project Grant',
    '05': 'Cooperative Agreement',
  },
  direct_payments: { '06': 'Direct Payment for Specified Use', '10': 'Direct Payment with Unrestricted Use' },
  loans: { '07': 'Direct Loan', '08': 'Guaranteed/Insured Loan' },
  // -1 is the API's own catch-all for awards with an invalid type.
  other: { '09': 'Insurance', '11': 'Other Financial Assistance', '-1': 'Not Specified' },
};

// Spelled out: Object.keys would put "10" and "11" (array-index keys) before "06" and "09".
export const GROUP_CODES: Readonly<Record<AwardTypeGroup, readonly string[]>> = {
  contracts: ['A', 'B', 'C', 'D'],
  idvs: ['IDV_A', 'IDV_B', 'IDV_B_A', 'IDV_B_B', 'IDV_B_C', 'IDV_C', 'IDV_D', 'IDV_E'],
  grants: ['02', '03', '04', '05'],
  direct_payments: ['06', '10'],
  loans: ['07', '08'],
  other: ['09', '11', '-1'],
};

/** Every code `award_type_codes` accepts (the TinyShield enum), as the API lists them. */
export const ALL_AWARD_TYPE_CODES: readonly string[] = [
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  'A',
  'B',
  'C',
  'D',
  'IDV_A',
  'IDV_B',
  'IDV_B_A',
  'IDV_B_B',
  'IDV_B_C',
  'IDV_C',
  'IDV_D',
  'IDV_E',
  '-1',
  'no intersection',
];

/** `type_description` as the award index holds it (what "Contract Award Type" / "Award Type" show). */
export const TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  A: 'BPA CALL',
  B: 'PURCHASE ORDER',
  C: 'DELIVERY ORDER',
  D: 'DEFINITIVE CONTRACT',
  IDV_A: 'GWAC',
  IDV_B: 'IDC',
  IDV_B_A: 'IDC',
  IDV_B_B: 'IDC',
  IDV_B_C: 'IDC',
  IDV_C: 'FSS',
  IDV_D: 'BOA',
  IDV_E: 'BPA',
  '02': 'BLOCK GRANT (A)',
  '03': 'FORMULA GRANT (A)',
  '04': 'PROJECT GRANT (B)',
  '05': 'COOPERATIVE AGREEMENT (B)',
  '06': 'DIRECT PAYMENT FOR SPECIFIED USE, AS A SUBSIDY OR OTHER NON-REIMBURSABLE DIRECT FINANCIAL AID (C)',
  '07': 'DIRECT LOAN (E)',
  '08': 'GUARANTEED/INSURED LOAN (F)',
  '09': 'INSURANCE (G)',
  '10': 'DIRECT PAYMENT WITH UNRESTRICTED USE (RETIREMENT, PENSION, VETERANS BENEFITS, ETC.) (D)',
  '11': 'OTHER FINANCIAL ASSISTANCE',
  '-1': 'NOT SPECIFIED',
};

/** Rough shares of codes within each group. */
export const CODE_WEIGHTS: Readonly<Record<AwardTypeGroup, ReadonlyArray<readonly [string, number]>>> = {
  contracts: [
    ['A', 10],
    ['B', 15],
    ['C', 40],
    ['D', 35],
  ],
  idvs: [
    ['IDV_A', 5],
    ['IDV_B', 5],
    ['IDV_B_A', 10],
    ['IDV_B_B', 40],
    ['IDV_B_C', 5],
    ['IDV_C', 15],
    ['IDV_D', 10],
    ['IDV_E', 10],
  ],
  grants: [
    ['02', 5],
    ['03', 10],
    ['04', 60],
    ['05', 25],
  ],
  direct_payments: [
    ['06', 70],
    ['10', 30],
  ],
  loans: [
    ['07', 40],
    ['08', 60],
  ],
  other: [
    ['09', 60],
    ['11', 35],
    ['-1', 5],
  ],
};

export interface Subtier {
  name: string;
  /** The four-character subtier code that ends generated award ids (`…_9700`). */
  code: string;
  /** Prefix of the PIIDs or FAINs this office issues. */
  idPrefix: string;
}

export interface Toptier {
  name: string;
  /** Toptier (CGAC) code. */
  code: string;
  /** `awarding_agency_id`: the agency's database id (1173 and 95 as recorded; others invented). */
  id: number;
  slug: string;
  subtiers: readonly Subtier[];
  /** Weight of this agency within each group (0 or absent: never). */
  weights: Partial<Record<AwardTypeGroup, number>>;
}

/** Subtier: [name, code, idPrefix]. */
type SubtierRow = readonly [string, string, string];

/** [name, code, id, weights, subtiers]: the slug is the name's, lower-cased and hyphenated. */
const TOPTIER_ROWS: ReadonlyArray<
  readonly [string, string, number, Partial<Record<AwardTypeGroup, number>>, readonly SubtierRow[]]
> = [
  [
    'Department of Defense',
    '097',
    1173,
    { contracts: 45, idvs: 25, grants: 8 },
    [
      ['Department of the Army', '2100', 'W912'],
      ['Department of the Navy', '1700', 'N000'],
      ['Department of the Air Force', '5700', 'FA86'],
      ['Defense Logistics Agency', '97AS', 'SPE3'],
      ['Department of Defense', '9700', 'W911'],
    ],
  ],
  [
    'Department of Agriculture',
    '012',
    95,
    { contracts: 4, grants: 12, direct_payments: 35, loans: 30, other: 30 },
    [
      ['Forest Service', '12C2', '12DG'],
      ['Agricultural Research Service', '12H2', '58-0'],
      ['National Institute of Food and Agriculture', '12H3', '2024'],
      ['Farm Service Agency', '12D2', 'FSA'],
      ['Rural Housing Service', '12F2', 'RHS'],
    ],
  ],
  [
    'Department of Health and Human Services',
    '075',
    806,
    { contracts: 12, idvs: 10, grants: 35, direct_payments: 20 },
    [
      ['National Institutes of Health', '7529', '75N9'],
      ['Centers for Disease Control and Prevention', '7523', '75D3'],
      ['Food and Drug Administration', '7524', '75F4'],
      ['Centers for Medicare and Medicaid Services', '7530', '75FC'],
    ],
  ],
  [
    'National Science Foundation',
    '049',
    1159,
    { contracts: 1, grants: 15 },
    [['National Science Foundation', '4900', '49100']],
  ],
  [
    'Department of Energy',
    '089',
    822,
    { contracts: 6, idvs: 4, grants: 6 },
    [['Department of Energy', '8900', '89243']],
  ],
  [
    'National Aeronautics and Space Administration',
    '080',
    862,
    { contracts: 5, idvs: 2, grants: 5 },
    [['National Aeronautics and Space Administration', '8000', '80NS']],
  ],
  [
    'Department of Commerce',
    '013',
    153,
    { contracts: 2, grants: 5 },
    [
      ['National Institute of Standards and Technology', '1341', '70NA'],
      ['National Oceanic and Atmospheric Administration', '1330', 'NA24'],
    ],
  ],
  [
    'Department of Education',
    '091',
    301,
    { grants: 6, direct_payments: 15, loans: 20 },
    [['Department of Education', '9100', 'P063']],
  ],
  [
    'Environmental Protection Agency',
    '068',
    704,
    { contracts: 1, grants: 3 },
    [['Environmental Protection Agency', '6800', '68HE']],
  ],
  [
    'Department of Veterans Affairs',
    '036',
    561,
    { contracts: 10, idvs: 15, direct_payments: 30, loans: 10 },
    [['Veterans Affairs, Department of', '3600', '36C2']],
  ],
  [
    'General Services Administration',
    '047',
    634,
    { contracts: 6, idvs: 40 },
    [['Federal Acquisition Service', '4732', '47QT']],
  ],
  [
    'Small Business Administration',
    '073',
    1068,
    { loans: 40, grants: 2 },
    [['Small Business Administration', '7300', 'SBAH']],
  ],
  [
    'Department of Homeland Security',
    '070',
    788,
    { contracts: 8, idvs: 4, grants: 3, other: 70 },
    [['Federal Emergency Management Agency', '7022', '70FA']],
  ],
];

export const TOPTIERS: readonly Toptier[] = TOPTIER_ROWS.map(([name, code, id, weights, subtiers]) => ({
  name,
  code,
  id,
  slug: name.toLowerCase().replace(/ /g, '-'),
  subtiers: subtiers.map(([name, code, idPrefix]) => ({ name, code, idPrefix })),
  weights,
}));

/** [number, program title]: Assistance Listings (CFDA) per assistance group. */
export const ASSISTANCE_LISTINGS: Readonly<
  Record<'grants' | 'direct_payments' | 'loans' | 'other', ReadonlyArray<readonly [string, string]>>
> = {
  grants: [
    ['93.855', 'Allergy and Infectious Diseases Research'],
    ['93.837', 'Cardiovascular Diseases Research'],
    ['93.393', 'Cancer Cause and Prevention Research'],
    ['47.070', 'Computer and Information Science and Engineering'],
    ['47.049', 'Mathematical and Physical Sciences'],
    ['10.310', 'Agriculture and Food Research Initiative (AFRI)'],
    ['12.431', 'Basic Scientific Research'],
    ['81.049', 'Office of Science Financial Assistance Program'],
    ['43.001', 'Science'],
    ['66.509', 'Science To Achieve Results (STAR) Research Program'],
    ['84.305', 'Education Research, Development and Dissemination'],
    ['11.609', 'Measurement and Engineering Research and Standards'],
  ],
  direct_payments: [
    ['10.055', 'Direct and Counter-cyclical Payments Program'],
    ['10.112', 'Price Loss Coverage'],
    ['64.109', 'Veterans Compensation for Service-Connected Disability'],
    ['84.063', 'Federal Pell Grant Program'],
    ['93.778', 'Medical Assistance Program'],
  ],
  loans: [
    ['59.012', '7(a) Loan Guarantees'],
    ['10.415', 'Rural Rental Housing Loans'],
    ['84.268', 'Federal Direct Student Loans'],
    ['64.114', 'Veterans Housing Guaranteed and Insured Loans'],
  ],
  other: [
    ['97.022', 'Flood Insurance'],
    ['10.450', 'Crop Insurance'],
  ],
};

/** [code, description] pairs of NAICS and PSC, for contracts and IDVs. */
export const NAICS: ReadonlyArray<readonly [string, string]> = [
  [
    '541715',
    'RESEARCH AND DEVELOPMENT IN THE PHYSICAL, ENGINEERING, AND LIFE SCIENCES (EXCEPT NANOTECHNOLOGY AND BIOTECHNOLOGY)',
  ],
  ['541512', 'COMPUTER SYSTEMS DESIGN SERVICES'],
  ['541330', 'ENGINEERING SERVICES'],
  ['336411', 'AIRCRAFT MANUFACTURING'],
  ['236220', 'COMMERCIAL AND INSTITUTIONAL BUILDING CONSTRUCTION'],
  ['561210', 'FACILITIES SUPPORT SERVICES'],
  ['325412', 'PHARMACEUTICAL PREPARATION MANUFACTURING'],
  ['541611', 'ADMINISTRATIVE MANAGEMENT AND GENERAL MANAGEMENT CONSULTING SERVICES'],
];

export const PSC: ReadonlyArray<readonly [string, string]> = [
  ['AJ11', 'R&D- GENERAL SCIENCE/TECHNOLOGY: PHYSICAL SCIENCES (BASIC RESEARCH)'],
  ['D399', 'IT AND TELECOM - OTHER IT AND TELECOMMUNICATIONS'],
  ['R425', 'SUPPORT- PROFESSIONAL: ENGINEERING/TECHNICAL'],
  ['1510', 'AIRCRAFT, FIXED WING'],
  ['Y1AA', 'CONSTRUCTION OF OFFICE BUILDINGS'],
  ['6505', 'DRUGS AND BIOLOGICALS'],
  ['R499', 'SUPPORT- PROFESSIONAL: OTHER'],
];

/** Recipient kinds and the `recipient_type_names` each answers to. */
export const RECIPIENT_KINDS = {
  university: ['higher_education', 'public_institution_of_higher_education', 'nonprofit'],
  company: ['category_business', 'small_business', 'for_profit_organization'],
  large_company: ['category_business', 'other_than_small_business', 'for_profit_organization'],
  government: ['government', 'regional_and_state_government'],
  individual: ['individuals'],
} as const;

export type RecipientKind = keyof typeof RECIPIENT_KINDS;

export const UNIVERSITIES = [
  'THE UNIVERSITY OF SOUTHERN MISSISSIPPI',
  'VIRGINIA INSTITUTE OF MARINE SCIENCE',
  'TEXAS A&M AGRILIFE RESEARCH',
  'WASHINGTON STATE UNIVERSITY',
  'GEORGE MASON UNIVERSITY',
  'UNIVERSITY OF ILLINOIS',
  'OHIO STATE UNIVERSITY, THE',
  'UNIVERSITY OF TEXAS AT AUSTIN',
  'TRUSTEES OF THE UNIVERSITY OF PENNSYLVANIA, THE',
  'FLORIDA INTERNATIONAL UNIVERSITY',
  'MICHIGAN STATE UNIVERSITY',
  'OREGON STATE UNIVERSITY',
  'LOUISIANA STATE UNIVERSITY',
  'REGENTS OF THE UNIVERSITY OF COLORADO, THE',
  'TRUSTEES OF COLUMBIA UNIVERSITY IN THE CITY OF NEW YORK, THE',
  'UNIVERSITY OF TEXAS SOUTHWESTERN MEDICAL CENTER, THE',
  'VIRGINIA POLYTECHNIC INSTITUTE & STATE UNIVERSITY',
  'TEXAS TECH UNIVERSITY SYSTEM',
  'REGENTS OF THE UNIVERSITY OF MICHIGAN',
  'JOHNS HOPKINS UNIVERSITY, THE',
  'LELAND STANFORD JUNIOR UNIVERSITY, THE',
  'MASSACHUSETTS INSTITUTE OF TECHNOLOGY',
  'UNIVERSITY OF WASHINGTON',
  'PURDUE UNIVERSITY',
] as const;

export const COMPANY_STEMS = [
  'ACME',
  'ALPINE',
  'APEX',
  'BLUE RIDGE',
  'CASCADE',
  'CEDAR',
  'COASTAL',
  'FRONTIER',
  'GRANITE',
  'HARBOR',
  'IRONWOOD',
  'KEYSTONE',
  'LIBERTY',
  'MERIDIAN',
  'NORTHSTAR',
  'PINNACLE',
  'QUANTUM',
  'REDSTONE',
  'SUMMIT',
  'TRIDENT',
  'VANGUARD',
  'WESTWIND',
] as const;

export const COMPANY_KINDS = [
  'TECHNOLOGIES',
  'SYSTEMS',
  'SOLUTIONS',
  'RESEARCH',
  'ENGINEERING',
  'DEFENSE',
  'BIOSCIENCES',
  'CONSULTING GROUP',
  'AEROSPACE',
  'LOGISTICS',
] as const;

export const COMPANY_SUFFIXES = [
  ' INC',
  ' INC.',
  ' LLC',
  ' CORPORATION',
  ', INC.',
  ' CORP',
  ' LLC.',
] as const;

export const GOVERNMENTS = [
  'STATE OF CALIFORNIA',
  'COMMONWEALTH OF VIRGINIA',
  'STATE OF TEXAS',
  'CITY OF HOUSTON',
  'COUNTY OF LOS ANGELES',
  'STATE OF NEW YORK',
  'PORT AUTHORITY OF NEW YORK AND NEW JERSEY',
] as const;

/** What an aggregate (individuals) record shows as its recipient. */
export const MULTIPLE_RECIPIENTS = 'MULTIPLE RECIPIENTS';

export const STATES = [
  'VA',
  'MD',
  'TX',
  'CA',
  'MS',
  'WA',
  'IL',
  'OH',
  'PA',
  'FL',
  'MI',
  'OR',
  'LA',
  'CO',
  'NY',
  'MA',
  'IN',
];

/** Phrases descriptions are built from; upper case, as the API returns them. */
export const DESCRIPTION_LEADS = [
  'RESEARCH ON',
  'TESTING OF',
  'DEVELOPMENT OF',
  'SUPPORT FOR',
  'PROCUREMENT OF',
  'MAINTENANCE OF',
  'EVALUATION OF',
  'FIELD TESTING THE',
  'DESIGN AND FABRICATION OF',
  'OPERATION OF',
] as const;

export const DESCRIPTION_THINGS = [
  'PROTECTIVE COATING MATERIALS',
  'WATER QUALITY INDICATORS',
  'ALGAE FACILITIES',
  'WIRELESS NETWORK-ON-CHIP ARCHITECTURES',
  'CYBER SITUATIONAL AWARENESS TOOLS',
  'MICROCAVITY TRANSISTOR LASERS',
  'RADAR TESTBEDS',
  'MOBILE NETWORKING PROTOCOLS',
  'BIOMECHANICAL TEST SYSTEMS',
  'SPINAL CORD INJURY THERAPIES',
  'BLOOD-BASED DIAGNOSTIC TESTS',
  'BIOMASS GASIFIERS',
  'OAK WILT CONTROLS',
  'LOG SURFACE DEFECT DETECTION',
  'AIRCRAFT SPARE PARTS',
  'IT HELP DESK SERVICES',
  'FACILITY SUPPORT SERVICES',
  'VACCINE CANDIDATES',
  'SMALL BUSINESS INNOVATION RESEARCH (SBIR) PHASE I',
  'SMALL BUSINESS INNOVATION RESEARCH (SBIR) PHASE II',
  'CROP LOSS COVERAGE',
  'FLOOD DAMAGE COVERAGE',
  'STUDENT FINANCIAL AID',
  'RURAL HOUSING',
] as const;

export const DESCRIPTION_PURPOSES = [
  'FOR THE ARMY RESEARCH LABORATORY',
  'IN THE CHESAPEAKE BAY',
  'FOR MULTICORE SYSTEMS',
  'AT NAVAL AIR STATION PATUXENT RIVER',
  'IN RURAL COMMUNITIES',
  'FOR PUBLIC HEALTH SURVEILLANCE',
  'UNDER THE INFRASTRUCTURE INVESTMENT AND JOBS ACT',
  '',
  '',
] as const;
