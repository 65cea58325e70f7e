/** Fixed vocabularies the PatentsView dataset draws from: real classification codes, invented patents. */

export const API_ROOT = 'https://search.patentsview.org/api/v1';

/** CPC subclasses with a few of their real groups (`A42B1/247`). */
export const CPC_SUBCLASSES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['A41D', ['A41D7/00', 'A41D13/087', 'A41D13/0015', 'A41D31/04']],
  ['A42B', ['A42B1/247', 'A42B3/227', 'A42B1/04']],
  ['A61B', ['A61B5/0002', 'A61B5/14532', 'A61B17/3421', 'A61B34/30']],
  ['A61F', ['A61F9/045', 'A61F13/496', 'A61F2/4425']],
  ['A61K', ['A61K9/0019', 'A61K31/4439', 'A61K39/3955']],
  ['A61P', ['A61P35/00', 'A61P25/28']],
  ['B32B', ['B32B5/26', 'B32B5/06', 'B32B27/08']],
  ['B60L', ['B60L53/16', 'B60L58/12']],
  ['B65D', ['B65D81/3823', 'B65D43/0212']],
  ['C07K', ['C07K16/2863', 'C07K14/705']],
  ['C12N', ['C12N15/113', 'C12N9/22']],
  ['F16H', ['F16H57/0006', 'F16H1/28']],
  ['G01N', ['G01N33/5308', 'G01N21/6428']],
  ['G01S', ['G01S7/4811', 'G01S17/931']],
  ['G06F', ['G06F3/0482', 'G06F16/2455', 'G06F9/5027', 'G06F21/6245']],
  ['G06N', ['G06N3/08', 'G06N20/00', 'G06N3/045']],
  ['G06Q', ['G06Q10/06', 'G06Q30/0201', 'G06Q40/04']],
  ['G06T', ['G06T7/0012', 'G06T2207/20081']],
  ['H01L', ['H01L21/02164', 'H01L29/7851', 'H01L23/5226']],
  ['H01M', ['H01M10/0525', 'H01M4/525']],
  ['H04L', ['H04L63/0428', 'H04L67/10', 'H04L9/3247']],
  ['H04N', ['H04N19/70', 'H04N23/54']],
  ['H04W', ['H04W72/23', 'H04W76/27', 'H04W4/40']],
  ['Y02E', ['Y02E60/10']],
  ['Y10S', ['Y10S2/11', 'Y10S128/92']],
];

/** CPC groups of design patents (they carry Locarno-like D-classes in CPC too rarely; real ones use few). */
export const DESIGN_CPC_SUBCLASSES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['A47G', ['A47G19/2205']],
  ['B62J', ['B62J6/00']],
  ['G06F', ['G06F3/04817']],
];

export const PLANT_CPC_SUBCLASSES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['A01H', ['A01H6/749', 'A01H5/02', 'A01H6/7409']],
];

/** USPC main classes with subclasses (`2/12`); only patents before mid-2015 carry them. */
export const USPC_CLASSES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['2', ['2/12', '2/15', '2/171', '2/209.3', '2/DIG11', '2/67', '2/338']],
  ['450', ['450/30']],
  ['473', ['473/59', '473/458']],
  ['604', ['604/385.2']],
  ['128', ['128/200.24', '128/845']],
  ['424', ['424/130.1', '424/400']],
  ['435', ['435/6.1', '435/320.1']],
  ['438', ['438/478', '438/151']],
  ['455', ['455/450', '455/3.01']],
  ['707', ['707/769', '707/E17.014']],
  ['709', ['709/203', '709/224']],
  ['714', ['714/49']],
];

/** WIPO technology fields 1..35. */
export const WIPO_FIELD_IDS = Array.from({ length: 35 }, (_, i) => String(i + 1));

/** [state, cities] of US inventor and assignee locations. */
export const US_PLACES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['CA', ['San Diego', 'San Jose', 'Mountain View', 'Irvine', 'Palo Alto']],
  ['TX', ['Austin', 'Houston', 'Dallas', 'Plano']],
  ['NY', ['New York', 'Rochester', 'Armonk']],
  ['MA', ['Boston', 'Cambridge', 'Waltham']],
  ['WA', ['Seattle', 'Redmond', 'Bellevue']],
  ['MN', ['Minneapolis', 'Eden Prairie', 'Saint Paul']],
  ['WI', ['Neenah', 'Harrison', 'Little Chute', 'Milwaukee']],
  ['MI', ['Muskegon', 'Detroit', 'Ann Arbor']],
  ['OH', ['Dayton', 'Columbus', 'Cincinnati']],
  ['AZ', ['Tucson', 'Phoenix', 'Chandler']],
  ['NC', ['Durham', 'Raleigh', 'Charlotte']],
  ['IL', ['Chicago', 'Naperville']],
];

/** [country, cities] of foreign locations (no state, as the API gives null). */
export const FOREIGN_PLACES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['JP', ['Tokyo', 'Kakegawa', 'Yokohama', 'Osaka', 'Kyoto']],
  ['DE', ['Munich', 'Stuttgart', 'Berlin']],
  ['KR', ['Seoul', 'Suwon']],
  ['CN', ['Shenzhen', 'Beijing', 'Shanghai']],
  ['TW', ['Hsinchu', 'Taipei']],
  ['FR', ['Montpellier', 'Paris', 'La Verrière']],
  ['GB', ['London', 'Cambridge']],
  ['CH', ['Basel', 'Zurich']],
  ['IL', ['Haifa', 'Tel Aviv']],
  ['CA', ['Toronto', 'Waterloo']],
];

export const FIRST_NAMES = [
  'Leonard Albert',
  'Nanci I.',
  'Jay D.',
  'Paulette Mary',
  'Donald M.',
  'Kanetsugu',
  'Chuan Chi',
  'Maria',
  'Wei',
  'Hiroshi',
  'Priya',
  'Thomas J.',
  'Anna',
  'Stefan',
  'Min-Jun',
  'Laura K.',
  'Robert',
  'Yuki',
  'Ahmed',
  'Emily R.',
  'Giovanni',
  'Sarah',
  'Chen',
  'David',
];

export const LAST_NAMES = [
  'Siprut',
  'Nenninger',
  'Witta',
  'Rosch',
  'Fries',
  'Miyazaki',
  'Hsieh',
  'Garcia',
  'Zhang',
  'Tanaka',
  'Patel',
  'Smith',
  'Kowalski',
  'Schmidt',
  'Kim',
  'Johnson',
  'Nguyen',
  'Sato',
  'Haddad',
  'Brown',
  'Rossi',
  'Cohen',
  'Li',
  'Miller',
];

export const COMPANY_STEMS = [
  'Kimberly-Clark',
  'Lion',
  'Katoh',
  'Acme',
  'Northstar',
  'Bluewave',
  'Helix',
  'Quantum',
  'Cedar',
  'Ironbridge',
  'Sunrise',
  'Polaris',
  'Vantage',
  'Meridian',
  'Orbital',
];

export const COMPANY_KINDS = [
  'Technologies',
  'Systems',
  'Electronics',
  'Medical',
  'Apparel',
  'Semiconductor',
  'Biosciences',
  'Networks',
  'Industries',
];

export const US_COMPANY_SUFFIXES = [', Inc.', ' LLC', ' Corporation', ' Company'];
export const FOREIGN_COMPANY_SUFFIXES = [' Co., Ltd.', ' GmbH', ' AG', ' S.A.', ' Ltd.'];

export const TITLE_LEADS = [
  'System and method for',
  'Apparatus for',
  'Method of',
  'Device and method for',
  'Composition and method for',
];

export const TITLE_THINGS = [
  'controlling wireless transmission power',
  'detecting anomalies in sensor data',
  'forming a semiconductor structure',
  'delivering a therapeutic agent',
  'securing network communications',
  'training a neural network',
  'charging an electric vehicle battery',
  'protecting a wearer from heat',
  'packaging perishable goods',
  'imaging biological tissue',
];

export const DESIGN_THINGS = [
  'Drinking cup',
  'Bicycle light',
  'Display screen with graphical user interface',
  'Shoe',
];

export const PLANT_THINGS = ['Rose plant', 'Strawberry plant', 'Blueberry plant', 'Apple tree'];

export const ABSTRACT_WORDS = [
  'a',
  'first',
  'second',
  'layer',
  'signal',
  'controller',
  'configured',
  'to',
  'determine',
  'based',
  'on',
  'the',
  'data',
  'member',
  'coupled',
  'with',
  'housing',
  'surface',
  'method',
  'includes',
  'receiving',
  'generating',
  'portion',
  'substrate',
];

export const EXAMINER_ROLES = ['primary', 'assistant'];
