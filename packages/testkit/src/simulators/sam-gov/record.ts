import { formatYmd } from '../../sim/dates.js';
import { Rng, weightedPicker } from '../../sim/random.js';
import type { SamDataset } from './dataset.js';
import type { SamAddress, SamApiVersion, SamEntity, SamPointOfContact, SamSection } from './types.js';
import {
  BUSINESS_TYPES,
  DFARS_PROVISIONS,
  FAR_PROVISIONS,
  FOR_PROFIT,
  NAICS,
  NAME_KINDS,
  NAME_STEMS,
  NAME_SUFFIXES,
  NON_PROFIT,
  POC_TITLES,
  PSC,
  PURPOSES,
  SBA_TYPES,
  STATES,
  STREETS,
  STRUCTURES,
} from './vocab.js';

const pickPurpose = weightedPicker(PURPOSES.map((p) => [p, p[2]] as const));
const pickStructure = weightedPicker(STRUCTURES.map((s) => [s, s[2]] as const));

const CAGE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function cage(rng: Rng): string {
  let out = '';
  for (let k = 0; k < 5; k++) out += CAGE_CHARS[rng.int(0, CAGE_CHARS.length - 1)];
  return out;
}

function address(rng: Rng, state: (typeof STATES)[number]): SamAddress {
  const suite = rng.chance(0.4) ? ` STE ${rng.int(100, 999)}` : '';
  return {
    addressLine1: `${rng.int(1, 9999)} ${rng.pick(STREETS)}${suite}`,
    addressLine2: rng.chance(0.15) ? `BLDG ${rng.int(1, 20)}` : null,
    city: rng.pick(state[2]),
    stateOrProvinceCode: state[0],
    zipCode: rng.digits(5),
    zipCodePlus4: rng.chance(0.85) ? rng.digits(4) : null,
    countryCode: 'USA',
  };
}

function poc(rng: Rng, at: SamAddress): SamPointOfContact {
  const person = rng.person();
  return {
    firstName: person.first.toUpperCase(),
    middleInitial: person.middle ? person.middle.replace('.', '') : null,
    lastName: person.last.toUpperCase(),
    title: rng.pick(POC_TITLES),
    addressLine1: at.addressLine1,
    addressLine2: at.addressLine2,
    city: at.city,
    stateOrProvinceCode: at.stateOrProvinceCode,
    zipCode: at.zipCode,
    zipCodePlus4: at.zipCodePlus4,
    countryCode: at.countryCode,
  };
}

const EMPTY_POC: SamPointOfContact = {
  firstName: null,
  middleInitial: null,
  lastName: null,
  title: null,
  addressLine1: null,
  addressLine2: null,
  city: null,
  stateOrProvinceCode: null,
  zipCode: null,
  zipCodePlus4: null,
  countryCode: null,
};

/**
 * The full record (every section) of registration `r` of dataset index `i` (0: the first, the
 * only one most UEIs have). Dates come from the dataset's columns; the rest from PRNGs seeded by
 * the UEI, and by the UEI and revision for what an update changes.
 */
export function buildEntity(ds: SamDataset, i: number, version: SamApiVersion = 'v3', r = 0): SamEntity {
  const uei = ds.uei[i];
  if (uei === undefined) throw new RangeError(`no entity at index ${i}`);
  const rng = Rng.derive(ds.seed, 'entity', uei);
  const rev = Rng.derive(ds.seed, 'revision', uei, ds.revision[i] as number);

  const [purposeCode, purposeDesc] = pickPurpose(rng);
  const [structureCode, structureDesc] = pickStructure(rng);
  const nonProfit = structureCode === '8H';
  const profit = nonProfit ? NON_PROFIT : FOR_PROFIT;
  const llc = !nonProfit && rng.chance(0.45);
  const name = `${rng.pick(NAME_STEMS)} ${rng.pick(NAME_KINDS)} ${llc ? 'LLC' : rng.pick(NAME_SUFFIXES)}`;
  const state = rng.pick(STATES);
  const physical = address(rng, state);
  const hasCage = rng.chance(0.9);
  const cageCode = hasCage ? cage(rng) : null;
  const startDay = (ds.registrationDay[i] as number) - rng.int(0, 40 * 365);
  const businessTypes = rng
    .sample(BUSINESS_TYPES.length, rng.int(0, 3))
    .map((k) => BUSINESS_TYPES[k] as readonly [string, string]);
  const sba = rng.chance(0.2) ? rng.pick(SBA_TYPES) : undefined;
  const naics = rng.sample(NAICS.length, rng.int(1, 4)).map((k) => NAICS[k] as readonly [string, string]);
  const psc = rng.sample(PSC.length, rng.int(0, 3)).map((k) => PSC[k] as readonly [string, string]);
  const smallBusiness = rng.chance(0.7) ? 'Y' : 'N';

  // What an update changes: the trade name, the web site, the mailing address, the contacts.
  const mailing = rev.chance(0.7) ? { ...physical } : address(rev, state);
  const dbaName = rev.chance(0.3) ? `${rev.pick(NAME_STEMS)} ${rev.pick(NAME_KINDS)}` : null;
  const domain = name
    .split(' ')[0]!
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const entityURL = rev.chance(0.8) ? `https://www.${domain}${rev.int(1, 99)}.com` : null;
  const governmentPoc = poc(rev, mailing);
  const electronicPoc = poc(rev, mailing);
  const exceedsThreshold = rev.chance(0.5) ? 'Y' : 'N';

  const lastUpdate = ds.lastUpdateDay[i] as number;
  const repsAndCerts: Record<string, unknown> = {
    certifications: {
      fARResponses: FAR_PROVISIONS.map((provisionId) => ({
        provisionId,
        listOfAnswers: [{ section: `${provisionId.slice(4)}.b`, answerText: rng.chance(0.8) ? 'No' : 'Yes' }],
      })),
      dFARResponses: DFARS_PROVISIONS.map((provisionId) => ({
        provisionId,
        listOfAnswers: [{ section: `${provisionId.slice(6)}.c`, answerText: 'No' }],
      })),
    },
    qualifications: { architectExperiencesResponse: { provisionId: 'FAR 52.236-1', listOfAnswers: [] } },
    financialAssistanceCertifications: {
      grantsCertificationStatus: 'Yes',
      grantsCertifyingResponse: 'I Agree',
      certifierFirstName: governmentPoc.firstName,
      certifierLastName: governmentPoc.lastName,
      certifierMiddleInitial: governmentPoc.middleInitial,
    },
    pdfLinks: {
      farPDF: `https://api.sam.gov/SAM/filedownload?pdfType=1&ueiSAM=${uei}`,
      farAndDfarsPDF: `https://api.sam.gov/SAM/filedownload?pdfType=2&ueiSAM=${uei}`,
      architectEngineeringPDF: null,
      financialAssistanceCertificationsPDF: `https://api.sam.gov/SAM/filedownload?pdfType=4&ueiSAM=${uei}`,
    },
  };
  // The one field v4 adds to Reps and Certs (its name is inferred from the change log's wording).
  if (version === 'v4') repsAndCerts.exceedsDomesticThreshold = exceedsThreshold;

  const entity: SamEntity = {
    entityRegistration: {
      samRegistered: 'Yes',
      ueiSAM: uei,
      entityEFTIndicator: null,
      cageCode,
      dodaac: null,
      legalBusinessName: name,
      dbaName,
      purposeOfRegistrationCode: purposeCode,
      purposeOfRegistrationDesc: purposeDesc,
      registrationStatus: ds.active(i) ? 'Active' : 'Inactive',
      evsSource: rng.chance(0.9) ? 'E&Y' : 'D&B',
      registrationDate: formatYmd(ds.registrationDay[i] as number),
      lastUpdateDate: formatYmd(lastUpdate),
      registrationExpirationDate: formatYmd(ds.expirationDay[i] as number),
      activationDate: formatYmd(ds.activationDay[i] as number),
      ueiStatus: 'Active',
      ueiExpirationDate: null,
      ueiCreationDate: formatYmd(ds.ueiCreationDay[i] as number),
      publicDisplayFlag: 'Y',
      exclusionStatusFlag: 'N',
      exclusionURL: null,
      dnbOpenData: null,
    },
    coreData: {
      entityInformation: {
        entityURL,
        entityDivisionName: rng.chance(0.1) ? `${name.split(' ')[0]} FEDERAL DIVISION` : null,
        entityDivisionNumber: rng.chance(0.1) ? String(rng.int(1, 99)) : null,
        entityStartDate: formatYmd(startDay),
        fiscalYearEndCloseDate: rng.chance(0.8) ? '12/31' : '09/30',
        submissionDate: formatYmd(Math.max(ds.registrationDay[i] as number, lastUpdate - rng.int(1, 20))),
      },
      physicalAddress: physical,
      mailingAddress: mailing,
      congressionalDistrict: String(rng.int(1, 12)).padStart(2, '0'),
      generalInformation: {
        entityStructureCode: structureCode,
        entityStructureDesc: structureDesc,
        entityTypeCode: 'F',
        entityTypeDesc: 'Business or Organization',
        profitStructureCode: profit[0],
        profitStructureDesc: profit[1],
        organizationStructureCode: llc ? 'LJ' : null,
        organizationStructureDesc: llc ? 'Limited Liability Company' : null,
        stateOfIncorporationCode: structureCode === '2J' ? null : state[0],
        stateOfIncorporationDesc: structureCode === '2J' ? null : state[1],
        countryOfIncorporationCode: 'USA',
        countryOfIncorporationDesc: 'UNITED STATES',
      },
      businessTypes: {
        businessTypeList: [
          { businessTypeCode: profit[0], businessTypeDesc: profit[1] },
          { businessTypeCode: 'F', businessTypeDesc: 'Business or Organization' },
          ...businessTypes.map(([businessTypeCode, businessTypeDesc]) => ({
            businessTypeCode,
            businessTypeDesc,
          })),
        ],
        sbaBusinessTypeList: [
          sba
            ? {
                sbaBusinessTypeCode: sba[0],
                sbaBusinessTypeDesc: sba[1],
                certificationEntryDate: formatYmd(lastUpdate - rng.int(30, 900)),
                certificationExitDate: formatYmd(lastUpdate + rng.int(300, 2000)),
              }
            : {
                sbaBusinessTypeCode: null,
                sbaBusinessTypeDesc: null,
                certificationEntryDate: null,
                certificationExitDate: null,
              },
        ],
      },
      financialInformation: {
        creditCardUsage: rng.chance(0.6) ? 'Y' : 'N',
        debtSubjectToOffset: rng.chance(0.03) ? 'Y' : 'N',
      },
    },
    assertions: {
      goodsAndServices: {
        primaryNaics: naics[0]![0],
        naicsList: naics.map(([naicsCode, naicsDescription]) => ({
          naicsCode,
          naicsDescription,
          sbaSmallBusiness: smallBusiness,
          naicsException: null,
        })),
        pscList: psc.map(([pscCode, pscDescription]) => ({ pscCode, pscDescription })),
      },
      disasterReliefData: {
        disasterRegistryFlag: rng.chance(0.1) ? 'Y' : 'N',
        bondingFlag: 'N',
        bondingLevels: [],
        geographicalAreaServed: [],
      },
      ediInformation: { ediInformationFlag: 'N' },
    },
    repsAndCerts,
    pointsOfContact: {
      governmentBusinessPOC: governmentPoc,
      electronicBusinessPOC: electronicPoc,
      governmentBusinessAlternatePOC: { ...EMPTY_POC },
      electronicBusinessAlternatePOC: { ...EMPTY_POC },
      pastPerformancePOC: { ...EMPTY_POC },
      pastPerformanceAlternatePOC: { ...EMPTY_POC },
    },
    integrityInformation: {
      entitySummary: { ueiSAM: uei, legalBusinessName: name, cageCode, physicalAddress: physical },
      proceedingsData: {
        proceedingsQuestion1: 'N',
        proceedingsQuestion2: null,
        proceedingsQuestion3: null,
        proceedingsRecordCount: 0,
        listOfProceedings: [],
      },
      responsibilityInformationCount: 0,
      responsibilityInformationList: [],
      corporateRelationships: {
        highestOwner: { legalBusinessName: null, cageCode: null, integrityRecords: null },
        immediateOwner: { legalBusinessName: null, cageCode: null, integrityRecords: null },
        predecessorsList: [],
      },
    },
  };
  return r === 0 ? entity : extraRegistration(ds, entity, r, state);
}

const DIVISIONS = ['EAST', 'WEST'] as const;

/**
 * Registration `r` (1 or 2) of an entity: the same entity with an EFT indicator (`0001`,
 * `0002`), as SAM.gov keeps a registration for each extra bank account, at its own site with its
 * own CAGE code. Drawn from the UEI's own PRNG, so the first registration never changes.
 */
function extraRegistration(
  ds: SamDataset,
  first: SamEntity,
  r: number,
  state: (typeof STATES)[number],
): SamEntity {
  const uei = first.entityRegistration.ueiSAM;
  const rng = Rng.derive(ds.seed, 'registration', uei);
  const cages = new Set([first.entityRegistration.cageCode]);
  let cageCode = '';
  for (let k = 1; k <= r; k++) {
    do cageCode = cage(rng);
    while (cages.has(cageCode));
    cages.add(cageCode);
  }
  const site = address(rng, state);
  const stem = first.entityRegistration.legalBusinessName.split(' ')[0];
  return {
    ...first,
    entityRegistration: {
      ...first.entityRegistration,
      entityEFTIndicator: String(r).padStart(4, '0'),
      cageCode,
    },
    coreData: {
      ...first.coreData,
      entityInformation: {
        ...first.coreData.entityInformation,
        entityDivisionName: `${stem} ${DIVISIONS[(r - 1) % DIVISIONS.length]} DIVISION`,
        entityDivisionNumber: String(r),
      },
      physicalAddress: site,
      mailingAddress: { ...site },
    },
    integrityInformation: {
      ...first.integrityInformation,
      entitySummary: {
        ...(first.integrityInformation.entitySummary as Record<string, unknown>),
        cageCode,
        physicalAddress: site,
      },
    },
  };
}

/** The record with only `sections`, in the API's section order. */
export function project(entity: SamEntity, sections: ReadonlySet<SamSection>): Partial<SamEntity> {
  const out: Partial<SamEntity> = {};
  const target = out as Record<string, unknown>;
  for (const [name, value] of Object.entries(entity)) {
    if (sections.has(name as SamSection)) target[name] = value;
  }
  return out;
}
