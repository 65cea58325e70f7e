/** Fixed vocabularies the SAM.gov dataset draws from: real codes and descriptions, invented entities. */

export const NAME_STEMS = [
  'APEX',
  'BLUE RIDGE',
  'CASCADE',
  'CHESAPEAKE',
  'CORNERSTONE',
  'ELEVATE',
  'FRONTIER',
  'GRANITE',
  'HARBOR',
  'HORIZON',
  'IRONWOOD',
  'KEYSTONE',
  'LIBERTY',
  'MERIDIAN',
  'NORTHSTAR',
  'PINNACLE',
  'POTOMAC',
  'QUANTUM',
  'REDSTONE',
  'SENTINEL',
  'SUMMIT',
  'TIDEWATER',
  'TRIDENT',
  'VANGUARD',
  'VERTEX',
  'WESTFIELD',
] as const;

export const NAME_KINDS = [
  'SOLUTIONS',
  'TECHNOLOGIES',
  'SYSTEMS',
  'ENGINEERING',
  'CONSULTING GROUP',
  'ANALYTICS',
  'BIOSCIENCES',
  'CONSTRUCTION',
  'LOGISTICS',
  'HEALTH SERVICES',
  'ENVIRONMENTAL',
  'DEFENSE',
] as const;

export const NAME_SUFFIXES = ['LLC', 'INC', 'INC.', 'CORPORATION', 'CORP', 'L.L.C.', 'LTD', 'CO'] as const;

export const STATES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['VA', 'VIRGINIA', ['ARLINGTON', 'RESTON', 'HERNDON', 'MCLEAN', 'NORFOLK']],
  ['MD', 'MARYLAND', ['ANNAPOLIS JUNCTION', 'COLUMBIA', 'ROCKVILLE', 'BALTIMORE']],
  ['CA', 'CALIFORNIA', ['SAN DIEGO', 'SAN JOSE', 'LOS ANGELES', 'IRVINE']],
  ['TX', 'TEXAS', ['SAN ANTONIO', 'AUSTIN', 'HOUSTON', 'EL PASO']],
  ['FL', 'FLORIDA', ['TAMPA', 'ORLANDO', 'JACKSONVILLE', 'PENSACOLA']],
  ['CO', 'COLORADO', ['COLORADO SPRINGS', 'AURORA', 'DENVER']],
  ['AL', 'ALABAMA', ['HUNTSVILLE', 'MOBILE', 'MONTGOMERY']],
  ['WA', 'WASHINGTON', ['SEATTLE', 'TACOMA', 'SPOKANE']],
  ['OH', 'OHIO', ['DAYTON', 'COLUMBUS', 'CLEVELAND']],
  ['NY', 'NEW YORK', ['NEW YORK', 'ROCHESTER', 'ALBANY']],
  ['MA', 'MASSACHUSETTS', ['BOSTON', 'CAMBRIDGE', 'BURLINGTON']],
  ['GA', 'GEORGIA', ['ATLANTA', 'SAVANNAH', 'AUGUSTA']],
];

export const STREETS = [
  'SENTINEL DR',
  'MAIN ST',
  'COMMERCE PKWY',
  'INDUSTRIAL BLVD',
  'TECHNOLOGY DR',
  'CORPORATE CT',
  'PARK AVE',
  'RESEARCH BLVD',
  'LIBERTY WAY',
  'HARBOR RD',
] as const;

export const PURPOSES: ReadonlyArray<readonly [string, string, number]> = [
  ['Z2', 'All Awards', 70],
  ['Z1', 'Federal Assistance Awards', 30],
];

export const STRUCTURES: ReadonlyArray<readonly [string, string, number]> = [
  ['2L', 'Corporate Entity (Not Tax Exempt)', 55],
  ['2J', 'Sole Proprietorship', 10],
  ['2K', 'Partnership or Limited Liability Partnership', 10],
  ['8H', 'Corporate Entity (Tax Exempt)', 20],
  ['ZZ', 'Other', 5],
];

export const FOR_PROFIT = ['2X', 'For Profit Organization'] as const;
export const NON_PROFIT = ['A8', 'Non-Profit Organization'] as const;

export const BUSINESS_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['23', 'Minority Owned Business'],
  ['27', 'Self Certified Small Disadvantaged Business'],
  ['2R', 'U.S Federal Government'],
  ['8W', 'Woman Owned Small Business'],
  ['A2', 'Woman Owned Business'],
  ['A5', 'Veteran Owned Business'],
  ['QF', 'Service Disabled Veteran Owned Business'],
  ['XS', 'Subchapter S Corporation'],
  ['LJ', 'Limited Liability Company'],
];

export const SBA_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['A4', 'SBA Certified Small Disadvantaged Business'],
  ['A6', 'SBA Certified 8(a) Program Participant'],
  ['XX', 'SBA Certified HUBZone Firm'],
];

export const NAICS: ReadonlyArray<readonly [string, string]> = [
  ['541330', 'ENGINEERING SERVICES'],
  ['541511', 'CUSTOM COMPUTER PROGRAMMING SERVICES'],
  ['541512', 'COMPUTER SYSTEMS DESIGN SERVICES'],
  ['541611', 'ADMINISTRATIVE MANAGEMENT AND GENERAL MANAGEMENT CONSULTING SERVICES'],
  [
    '541715',
    'RESEARCH AND DEVELOPMENT IN THE PHYSICAL, ENGINEERING, AND LIFE SCIENCES (EXCEPT NANOTECHNOLOGY AND BIOTECHNOLOGY)',
  ],
  ['236220', 'COMMERCIAL AND INSTITUTIONAL BUILDING CONSTRUCTION'],
  [
    '334511',
    'SEARCH, DETECTION, NAVIGATION, GUIDANCE, AERONAUTICAL, AND NAUTICAL SYSTEM AND INSTRUMENT MANUFACTURING',
  ],
  ['561210', 'FACILITIES SUPPORT SERVICES'],
  ['488190', 'OTHER SUPPORT ACTIVITIES FOR AIR TRANSPORTATION'],
  ['621511', 'MEDICAL LABORATORIES'],
];

export const PSC: ReadonlyArray<readonly [string, string]> = [
  ['R425', 'SUPPORT- PROFESSIONAL: ENGINEERING/TECHNICAL'],
  ['D399', 'IT AND TELECOM- OTHER IT AND TELECOMMUNICATIONS'],
  ['AJ11', 'GENERAL SCIENCE AND TECHNOLOGY R&D SERVICES; BASIC RESEARCH'],
  ['Y1AA', 'CONSTRUCTION OF OFFICE BUILDINGS'],
  ['R408', 'SUPPORT- PROFESSIONAL: PROGRAM MANAGEMENT/SUPPORT'],
];

export const POC_TITLES = [
  'PRESIDENT',
  'CEO',
  'CONTRACTS MANAGER',
  'DIRECTOR OF OPERATIONS',
  'CFO',
  null,
] as const;

export const FAR_PROVISIONS = ['FAR 52.209-2', 'FAR 52.204-26', 'FAR 52.219-1', 'FAR 52.225-2'] as const;
export const DFARS_PROVISIONS = ['DFARS 252.225-7000', 'DFARS 252.204-7016'] as const;
