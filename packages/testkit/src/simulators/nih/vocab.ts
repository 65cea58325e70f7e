/** Fixed vocabularies the NIH dataset draws from: real codes and names, invented projects. */

/**
 * NIH's "Small Business" activity codes: SBIR (R43, R44; cooperative agreements U43, U44), STTR
 * (R41, R42; cooperative agreements UT1, UT2) and the Commercialization Readiness Pilot (SB1).
 */
export const SBIR_STTR_ACTIVITY_CODES = [
  'R43',
  'R44',
  'R41',
  'R42',
  'U43',
  'U44',
  'UT1',
  'UT2',
  'SB1',
] as const;

/** Rough shares of weekly awards; R01/U01 are there so an adapter's activity-code filter matters. */
export const DEFAULT_ACTIVITY_WEIGHTS: Readonly<Record<string, number>> = {
  R43: 30,
  R44: 20,
  R41: 8,
  R42: 5,
  U43: 3,
  U44: 4,
  SB1: 2,
  R01: 20,
  U01: 8,
};

interface ActivityProfile {
  /** Yearly award, dollars. */
  amount: readonly [number, number];
  /** Project length in months. */
  months: readonly [number, number];
  /** Most support years a project of this code reaches. */
  maxYears: number;
}

export const ACTIVITY_PROFILES: Readonly<Record<string, ActivityProfile>> = {
  R43: { amount: [150_000, 314_363], months: [6, 12], maxYears: 1 },
  R41: { amount: [150_000, 314_363], months: [12, 12], maxYears: 1 },
  U43: { amount: [200_000, 400_000], months: [12, 24], maxYears: 2 },
  R44: { amount: [400_000, 1_100_000], months: [24, 36], maxYears: 3 },
  R42: { amount: [400_000, 1_100_000], months: [24, 36], maxYears: 3 },
  U44: { amount: [600_000, 1_800_000], months: [24, 36], maxYears: 3 },
  UT1: { amount: [150_000, 314_363], months: [12, 12], maxYears: 1 },
  UT2: { amount: [400_000, 1_100_000], months: [24, 36], maxYears: 3 },
  SB1: { amount: [800_000, 1_500_000], months: [24, 36], maxYears: 3 },
  R01: { amount: [250_000, 750_000], months: [48, 60], maxYears: 5 },
  U01: { amount: [300_000, 2_000_000], months: [36, 60], maxYears: 5 },
};

export const FALLBACK_PROFILE: ActivityProfile = {
  amount: [100_000, 500_000],
  months: [12, 36],
  maxYears: 3,
};

export function isSbirSttr(code: string): boolean {
  return (SBIR_STTR_ACTIVITY_CODES as readonly string[]).includes(code);
}

/** [code, abbreviation, name] of the institutes and centers that administer awards. */
export const INSTITUTES: ReadonlyArray<readonly [string, string, string]> = [
  ['CA', 'NCI', 'National Cancer Institute'],
  ['GM', 'NIGMS', 'National Institute of General Medical Sciences'],
  ['AI', 'NIAID', 'National Institute of Allergy and Infectious Diseases'],
  ['HL', 'NHLBI', 'National Heart, Lung, and Blood Institute'],
  ['DK', 'NIDDK', 'National Institute of Diabetes and Digestive and Kidney Diseases'],
  ['NS', 'NINDS', 'National Institute of Neurological Disorders and Stroke'],
  ['MH', 'NIMH', 'National Institute of Mental Health'],
  ['DA', 'NIDA', 'National Institute on Drug Abuse'],
  ['AA', 'NIAAA', 'National Institute on Alcohol Abuse and Alcoholism'],
  ['AG', 'NIA', 'National Institute on Aging'],
  ['EB', 'NIBIB', 'National Institute of Biomedical Imaging and Bioengineering'],
  ['ES', 'NIEHS', 'National Institute of Environmental Health Sciences'],
  ['EY', 'NEI', 'National Eye Institute'],
  ['HD', 'NICHD', 'Eunice Kennedy Shriver National Institute of Child Health and Human Development'],
  ['DE', 'NIDCR', 'National Institute of Dental and Craniofacial Research'],
  ['AR', 'NIAMS', 'National Institute of Arthritis and Musculoskeletal and Skin Diseases'],
  ['LM', 'NLM', 'National Library of Medicine'],
  ['MD', 'NIMHD', 'National Institute on Minority Health and Health Disparities'],
  ['TR', 'NCATS', 'National Center for Advancing Translational Sciences'],
  ['DC', 'NIDCD', 'National Institute on Deafness and Other Communication Disorders'],
  ['HG', 'NHGRI', 'National Human Genome Research Institute'],
  ['OD', 'OD', 'NIH Office of the Director'],
];

/** CFDA program suffixes by institute (NIH prints the part after `93.`). */
export const CFDA_BY_IC: Readonly<Record<string, string>> = {
  CA: '395',
  GM: '859',
  AI: '855',
  HL: '837',
  DK: '847',
  NS: '853',
  MH: '242',
  DA: '279',
  AA: '273',
  AG: '866',
  EB: '286',
  ES: '113',
  EY: '867',
  HD: '865',
  DE: '121',
  AR: '846',
  LM: '879',
  MD: '307',
  TR: '350',
  DC: '173',
  HG: '172',
  OD: '310',
};

export const STATES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['CA', ['SAN DIEGO', 'SAN FRANCISCO', 'LOS ANGELES', 'PALO ALTO', 'IRVINE']],
  ['MA', ['BOSTON', 'CAMBRIDGE', 'WORCESTER', 'WALTHAM']],
  ['NY', ['NEW YORK', 'ROCHESTER', 'BUFFALO', 'ALBANY']],
  ['TX', ['HOUSTON', 'AUSTIN', 'DALLAS', 'SAN ANTONIO']],
  ['WA', ['SEATTLE', 'BOTHELL', 'SPOKANE']],
  ['MD', ['BALTIMORE', 'ROCKVILLE', 'GAITHERSBURG', 'BETHESDA']],
  ['NC', ['DURHAM', 'CHAPEL HILL', 'RALEIGH']],
  ['PA', ['PHILADELPHIA', 'PITTSBURGH']],
  ['OH', ['COLUMBUS', 'CLEVELAND', 'CINCINNATI']],
  ['MI', ['ANN ARBOR', 'DETROIT']],
  ['CO', ['BOULDER', 'DENVER', 'AURORA']],
  ['MN', ['MINNEAPOLIS', 'ROCHESTER']],
  ['GA', ['ATLANTA']],
  ['UT', ['SALT LAKE CITY']],
  ['WI', ['MADISON', 'MILWAUKEE']],
];

/** Rough [lat, lon] of each state's research hub: `geo_lat_lon` is jittered around it. */
export const STATE_CENTROIDS: Readonly<Record<string, readonly [number, number]>> = {
  CA: [34.05, -118.24],
  MA: [42.36, -71.06],
  NY: [40.71, -74.0],
  TX: [29.76, -95.37],
  WA: [47.61, -122.33],
  MD: [39.29, -76.61],
  NC: [35.99, -78.9],
  PA: [39.95, -75.17],
  OH: [39.96, -83.0],
  MI: [42.28, -83.74],
  CO: [40.01, -105.27],
  MN: [44.98, -93.27],
  GA: [33.75, -84.39],
  UT: [40.76, -111.89],
  WI: [43.07, -89.4],
};

/**
 * RCDC spending categories as [id, name], from a recorded record whose ids and names line up
 * in the same order (ids ascending, names alphabetical).
 */
export const SPENDING_CATEGORIES: ReadonlyArray<readonly [number, string]> = [
  [108, 'Biotechnology'],
  [132, 'Cancer'],
  [216, 'Dental/Oral and Craniofacial Disease'],
  [232, 'Digestive Diseases'],
  [276, 'Genetics'],
  [556, 'Orphan Drug'],
  [701, 'Prevention'],
  [729, 'Rare Diseases'],
];

export const COMPANY_PREFIXES = [
  'NANO',
  'BIO',
  'GENE',
  'CELL',
  'NEURO',
  'OPTI',
  'CARDIO',
  'IMMUNO',
  'THERA',
  'VITA',
  'SYN',
  'AXON',
  'HELIX',
  'PROTEO',
  'QUANT',
  'MEDI',
  'ONCO',
  'CYTO',
  'VIRO',
  'LUMI',
] as const;
export const COMPANY_STEMS = [
  'VISTA',
  'GEN',
  'LOGIC',
  'SENSE',
  'PATH',
  'WORKS',
  'SCIENCE',
  'METRICS',
  'NOVA',
  'TRACE',
  'CORE',
  'LYTICS',
] as const;
export const COMPANY_KINDS = [
  'THERAPEUTICS',
  'DIAGNOSTICS',
  'BIOSCIENCES',
  'TECHNOLOGIES',
  'BIOMEDICAL',
  'SYSTEMS',
  'HEALTH',
  'LABS',
] as const;
export const COMPANY_SUFFIXES = [', LLC', ', INC.', ' INC', ' CORPORATION', ', LLC.'] as const;

export const UNIVERSITY_PATTERNS = [
  (place: string) => `UNIVERSITY OF ${place}`,
  (place: string) => `${place} STATE UNIVERSITY`,
  (place: string) => `${place} INSTITUTE OF TECHNOLOGY`,
  (place: string) => `${place} MEDICAL CENTER`,
] as const;
export const UNIVERSITY_PLACES = [
  'WASHINGTON',
  'MICHIGAN',
  'PITTSBURGH',
  'COLORADO',
  'UTAH',
  'WISCONSIN',
  'MINNESOTA',
  'NORTH CAROLINA',
  'PENNSYLVANIA',
  'ROCHESTER',
  'TEXAS',
  'GEORGIA',
  'OHIO',
  'MARYLAND',
  'CALIFORNIA',
  'MASSACHUSETTS',
] as const;

export const COMPANY_ORG_TYPE = { name: 'DOMESTIC FOR-PROFITS', code: '40', is_other: false } as const;
export const UNIVERSITY_ORG_TYPES = [
  { name: 'SCHOOLS OF MEDICINE', code: '10', is_other: false },
  { name: 'SCHOOLS OF ARTS AND SCIENCES', code: '20', is_other: false },
  { name: 'SCHOOLS OF ENGINEERING', code: '30', is_other: false },
] as const;
export const DEPT_TYPES = [
  'ENGINEERING (ALL TYPES)',
  'BIOCHEMISTRY',
  'INTERNAL MEDICINE/MEDICINE',
  'PHARMACOLOGY',
] as const;

export const TITLE_LEADS = [
  'A novel',
  'Development of a',
  'Point-of-care',
  'Real-time',
  'Scalable',
  'An AI-enabled',
  'Low-cost',
  'Touchscreen-compatible',
  'Wearable',
  'High-throughput',
] as const;
export const TITLE_THINGS = [
  'electrochemical sensor',
  'gene therapy vector',
  'imaging platform',
  'antibody assay',
  'digital therapeutic',
  'drug delivery system',
  'microfluidic chip',
  'vaccine adjuvant',
  'diagnostic test',
  'neural interface',
] as const;
export const TITLE_TARGETS = [
  'opioid use disorder',
  'pancreatic cancer',
  'SARS-CoV-2',
  'Alzheimer disease',
  'sickle cell disease',
  'chronic kidney disease',
  'type 1 diabetes',
  'glaucoma',
  'sepsis',
  'heart failure',
  'autism',
] as const;

export const TERMS = [
  'Affinity',
  'Antibodies',
  'Binding',
  'Biosensor',
  'Clinical',
  'Detection',
  'Development',
  'Devices',
  'Diagnosis',
  'Early Diagnosis',
  'Electrodes',
  'Engineering',
  'Evaluation',
  'Future',
  'Goals',
  'Hospitals',
  'Infection',
  'Libraries',
  'Measures',
  'Methods',
  'Patients',
  'Performance',
  'Phase',
  'Process',
  'Research',
  'Sampling',
  'Sensitivity and Specificity',
  'Small Business Innovation Research Grant',
  'Specificity',
  'Surface',
  'System',
  'Technology',
  'Testing',
  'Time',
  'Validation',
  'base',
  'commercialization',
  'cost',
  'design',
  'innovation',
  'novel',
  'prevent',
  'prototype',
  'sensor',
  'success',
  'tool',
] as const;

export const SRG_CODES = ['ZRG1', 'ZAA1', 'ZCA1', 'ZGM1', 'ZAI1', 'ZEB1'] as const;
export const SRA_DESIGNATORS = ['IMST', 'BST', 'DD', 'SBIB', 'ETTN', 'CB'] as const;

export const SBIR_FOAS = ['PA-22-176', 'PA-23-230', 'PA-24-245', 'RFA-OD-20-014', 'PAR-23-219'] as const;
export const OTHER_FOAS = ['PA-20-185', 'PAR-21-293', 'RFA-AI-22-024', 'PA-25-301'] as const;

export const PI_TITLES = [
  'PROFESSOR',
  '',
  'CHIEF SCIENTIFIC OFFICER',
  'PRESIDENT',
  'ASSOCIATE PROFESSOR',
] as const;
