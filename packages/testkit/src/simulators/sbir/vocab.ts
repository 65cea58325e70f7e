/** Fixed vocabularies the SBIR dataset draws from: real agency codes and branches, invented awards. */

/** The agency codes `GET /public/api/awards?agency=` takes, as SBIR.gov lists them. */
export const SBIR_AGENCIES = [
  'DOD',
  'HHS',
  'NASA',
  'NSF',
  'DOE',
  'USDA',
  'EPA',
  'DOC',
  'ED',
  'DOT',
  'DHS',
] as const;

export type SbirAgencyCode = (typeof SBIR_AGENCIES)[number];

interface AgencyProfile {
  /** Relative share of a year's awards (DOD and HHS make most of them). */
  weight: number;
  /** `branch` values; an empty list gives `branch: null`, as NSF and EPA awards have. */
  branches: readonly string[];
  /** Solicitation number of a year: `DOD SBIR 24.1`, `NSF 24-579`. */
  solicitation(year: number, round: number): string;
  /** Tracking number and contract of one award; `serial` makes both unique. */
  ids(
    year: number,
    serial: number,
    phase2: boolean,
    branch: string | null,
  ): { tracking: string; contract: string };
  /** Topic code of one award. */
  topic(year: number, round: number, serial: number, branch: string | null): string;
}

const yy = (year: number) => String(year % 100).padStart(2, '0');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const BRANCH_PREFIX: Readonly<Record<string, string>> = {
  'Air Force': 'AF',
  Army: 'A',
  Navy: 'N',
  DARPA: 'HR',
  'Missile Defense Agency': 'MDA',
  'Special Operations Command': 'SOCOM',
  'Defense Health Agency': 'DHA',
  'National Institutes of Health': 'NIH',
  'Centers for Disease Control and Prevention': 'CDC',
  'Food and Drug Administration': 'FDA',
  'National Oceanic and Atmospheric Administration': 'NOAA',
  'National Institute of Standards and Technology': 'NIST',
  'Federal Highway Administration': 'FH',
  'Federal Aviation Administration': 'FA',
  'Science and Technology Directorate': 'ST',
  'Countering Weapons of Mass Destruction Office': 'CWMD',
};

const branchPrefix = (branch: string | null) => (branch ? (BRANCH_PREFIX[branch] ?? 'X') : 'X');

// Identifier formats follow each agency's public numbering; the numbers themselves are invented.
export const AGENCY_PROFILES: Readonly<Record<SbirAgencyCode, AgencyProfile>> = {
  DOD: {
    weight: 40,
    branches: [
      'Air Force',
      'Army',
      'Navy',
      'DARPA',
      'Missile Defense Agency',
      'Special Operations Command',
      'Defense Health Agency',
    ],
    solicitation: (year, round) => `DOD SBIR ${yy(year)}.${round}`,
    ids: (year, serial, phase2, branch) => ({
      tracking: `${branchPrefix(branch)}${yy(year)}${phase2 ? 'B' : 'A'}-${pad(serial % 10_000, 4)}`,
      contract: `${branch === 'Navy' ? 'N68335' : branch === 'Army' ? 'W911NF' : 'FA8650'}-${yy(year)}-${phase2 ? 'C' : 'P'}-${pad(serial, 4)}`,
    }),
    topic: (year, round, serial, branch) =>
      `${branchPrefix(branch)}${yy(year)}${round}-${pad(1 + (serial % 120), 3)}`,
  },
  HHS: {
    weight: 22,
    branches: [
      'National Institutes of Health',
      'National Institutes of Health',
      'National Institutes of Health',
      'Centers for Disease Control and Prevention',
      'Food and Drug Administration',
    ],
    solicitation: (year) => `PA${yy(year - 1)}-246`,
    ids: (_year, serial, phase2) => {
      const ic = ['CA', 'GM', 'AI', 'HL', 'DK', 'NS', 'EB', 'DA'][serial % 8] ?? 'GM';
      const number = `${phase2 ? 'R44' : 'R43'}${ic}${pad(100_000 + serial, 6)}`;
      return { tracking: number, contract: `1${number}-01` };
    },
    topic: (_year, _round, serial) =>
      ['NCI', 'NIGMS', 'NIAID', 'NHLBI', 'NIDDK', 'NINDS', 'NIBIB'][serial % 7] ?? 'NIGMS',
  },
  NASA: {
    weight: 9,
    branches: [],
    solicitation: (year) => `SBIR_${yy(year)}_P1`,
    ids: (year, serial, phase2) => ({
      tracking: `${yy(year)}${phase2 ? '2' : '1'}-${pad(serial % 10_000, 4)}`,
      contract: `80NSSC${yy(year)}${phase2 ? 'C' : 'P'}A${pad(serial, 3)}`,
    }),
    topic: (_year, _round, serial) => `S${1 + (serial % 17)}.0${1 + (serial % 9)}`,
  },
  NSF: {
    weight: 9,
    branches: [],
    solicitation: (year) => `NSF ${yy(year)}-579`,
    // NSF's tracking number and contract are the same award number.
    ids: (_year, serial) => {
      const number = String(2_400_000 + serial);
      return { tracking: number, contract: number };
    },
    topic: (_year, _round, serial) => ['R', 'AI', 'BM', 'MD', 'S', 'EN', 'ET'][serial % 7] ?? 'R',
  },
  DOE: {
    weight: 8,
    branches: [],
    solicitation: (year) => `DE-FOA-000${3000 + (year % 100)}`,
    ids: (_year, serial) => ({
      tracking: pad(270_000 + serial, 10),
      contract: `DE-SC00${pad(20_000 + serial, 5)}`,
    }),
    topic: (_year, _round, serial) =>
      `C${55 + (serial % 4)}-${pad(1 + (serial % 40), 2)}${'abcd'[serial % 4]}`,
  },
  USDA: {
    weight: 3,
    branches: [],
    solicitation: (year) => `USDA-NIFA-SBIR-${pad(8000 + (year % 100), 6)}`,
    ids: (year, serial) => ({
      tracking: `${year}-${pad(serial, 5)}`,
      contract: `${year}-33610-${pad(30_000 + serial, 5)}`,
    }),
    topic: (_year, _round, serial) => `8.${1 + (serial % 13)}`,
  },
  EPA: {
    weight: 1,
    branches: [],
    solicitation: (year) => `68HERC${yy(year)}R0001`,
    ids: (year, serial) => ({
      tracking: `SU8${pad(serial % 100_000, 5)}`,
      contract: `68HERC${yy(year)}C00${pad(serial % 100, 2)}`,
    }),
    topic: (_year, _round, serial) => `${'ABCDEF'[serial % 6]}`,
  },
  DOC: {
    weight: 3,
    branches: [
      'National Oceanic and Atmospheric Administration',
      'National Institute of Standards and Technology',
    ],
    solicitation: (year) => `NOAA-TECH-${year}-${pad(7000 + (year % 100), 7)}`,
    ids: (year, serial, _phase2, branch) => ({
      tracking: `${branchPrefix(branch)}-${yy(year)}-${pad(serial % 1000, 3)}`,
      contract: `${branch?.startsWith('National Oceanic') ? 'NA' : '70NANB'}${yy(year)}OAR${pad(serial, 7)}`,
    }),
    topic: (_year, _round, serial) => `9.${1 + (serial % 6)}`,
  },
  ED: {
    weight: 1,
    branches: [],
    solicitation: (year) => `ED-IES-${yy(year)}-R-0012`,
    ids: (year, serial) => ({
      tracking: `EDIES${yy(year)}C${pad(serial % 10_000, 4)}`,
      contract: `91990${yy(year)}C${pad(serial % 10_000, 4)}`,
    }),
    topic: (_year, _round, serial) => ['EdTech', 'SpecialEd'][serial % 2] ?? 'EdTech',
  },
  DOT: {
    weight: 2,
    branches: ['Federal Highway Administration', 'Federal Aviation Administration'],
    solicitation: (year) => `6913G6${yy(year)}Q000001`,
    ids: (year, serial, _phase2, branch) => ({
      tracking: `DOT-${yy(year)}-${branchPrefix(branch)}${pad(serial % 1000, 3)}`,
      contract: `6913G6${yy(year)}P8${pad(serial, 5)}`,
    }),
    topic: (year, _round, serial, branch) => `${yy(year)}-${branchPrefix(branch)}${1 + (serial % 5)}`,
  },
  DHS: {
    weight: 2,
    branches: ['Science and Technology Directorate', 'Countering Weapons of Mass Destruction Office'],
    solicitation: (year) => `70RSAT${yy(year)}R00000001`,
    ids: (year, serial, phase2) => ({
      tracking: `DHS${yy(year)}${phase2 ? '2' : '1'}-${pad(serial % 1000, 3)}-${pad(serial % 10_000, 4)}`,
      contract: `70RSAT${yy(year)}C${pad(serial, 8)}`,
    }),
    topic: (year, _round, serial) => `DHS${yy(year)}1-${pad(1 + (serial % 12), 3)}`,
  },
};

export const TITLE_LEADS = [
  'Low-Cost',
  'Compact',
  'Autonomous',
  'High-Throughput',
  'Radiation-Hardened',
  'Machine-Learning-Enabled',
  'Portable',
  'Scalable',
  'Resilient',
  'Additively Manufactured',
] as const;

export const TITLE_THINGS = [
  'Sensor Array',
  'Battery Chemistry',
  'Diagnostic Assay',
  'Optical Transceiver',
  'Propulsion Module',
  'Water Treatment System',
  'Edge Computing Platform',
  'Composite Airframe',
  'Vaccine Adjuvant',
  'Quantum Memory',
  'Soil Moisture Probe',
  'Cybersecurity Monitor',
] as const;

export const TITLE_USES = [
  'Contested Environments',
  'Point-of-Care Testing',
  'Small Satellites',
  'Grid Storage',
  'Rural Broadband',
  'Precision Agriculture',
  'Wildfire Detection',
  'Classroom Learning',
  'Bridge Inspection',
  'Border Security',
] as const;

export const KEYWORDS = [
  'machine learning',
  'photonics',
  'additive manufacturing',
  'biomarkers',
  'autonomy',
  'energy storage',
  'hypersonics',
  'microelectronics',
  'remote sensing',
  'synthetic biology',
  'cybersecurity',
  'materials',
] as const;

export const COMPANY_STEMS = [
  'Aero',
  'Bio',
  'Quantum',
  'Photon',
  'Terra',
  'Nano',
  'Vector',
  'Helix',
  'Summit',
  'Cobalt',
  'Lumen',
  'Orbit',
  'Cascade',
  'Granite',
  'Nimbus',
] as const;

export const COMPANY_KINDS = [
  'Dynamics',
  'Systems',
  'Labs',
  'Technologies',
  'Sciences',
  'Robotics',
  'Materials',
  'Analytics',
] as const;

export const COMPANY_SUFFIXES = [', INC.', ' LLC', ', INC', ' CORPORATION', ', LLC'] as const;

export const UNIVERSITIES = [
  'University of Colorado Boulder',
  'Georgia Institute of Technology',
  'Purdue University',
  'University of Michigan',
  'Texas A&M University',
  'University of Washington',
  'Massachusetts Institute of Technology',
  'University of Arizona',
] as const;

export const STATES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['CA', ['SAN DIEGO', 'PALO ALTO', 'IRVINE', 'PASADENA']],
  ['MA', ['CAMBRIDGE', 'WOBURN', 'BEDFORD']],
  ['VA', ['ARLINGTON', 'RESTON', 'BLACKSBURG']],
  ['CO', ['BOULDER', 'GOLDEN', 'COLORADO SPRINGS']],
  ['OH', ['DAYTON', 'COLUMBUS']],
  ['NM', ['ALBUQUERQUE', 'LOS ALAMOS']],
  ['TX', ['AUSTIN', 'HOUSTON']],
  ['MD', ['ROCKVILLE', 'COLUMBIA']],
  ['AL', ['HUNTSVILLE']],
  ['WA', ['SEATTLE', 'BOTHELL']],
];

export const STREETS = [
  'Innovation Dr',
  'Research Blvd',
  'Technology Pkwy',
  'Science Park Rd',
  'Main St',
] as const;

export const TITLES = [
  'President',
  'Chief Executive Officer',
  'Chief Technology Officer',
  'Principal Scientist',
] as const;
