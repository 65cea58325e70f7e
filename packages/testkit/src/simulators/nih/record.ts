import { formatYmd } from '../../sim/dates.js';
import { Rng } from '../../sim/random.js';
import type { NihDataset } from './dataset.js';
import type { NihProject } from './types.js';
import {
  CFDA_BY_IC,
  INSTITUTES,
  isSbirSttr,
  OTHER_FOAS,
  PI_TITLES,
  SBIR_FOAS,
  SPENDING_CATEGORIES,
  SRA_DESIGNATORS,
  SRG_CODES,
  STATE_CENTROIDS,
  TERMS,
  TITLE_LEADS,
  TITLE_TARGETS,
  TITLE_THINGS,
} from './vocab.js';

/** Both timestamp styles occur in real responses; the sample's odd 12:12/12:11 times included. */
function stamp(day: number, zoned: boolean, endOfRange = false): string {
  return zoned ? `${formatYmd(day)}T12:${endOfRange ? '11' : '12'}:00Z` : `${formatYmd(day)}T00:00:00`;
}

/** An organization's `geo_lat_lon`: near its state's hub, the same for every project of the org. */
function geoOf(ds: NihDataset, orgIndex: number, state: string): { lon: number; lat: number } {
  const rng = Rng.derive(ds.seed, 'geo', orgIndex);
  const [lat, lon] = STATE_CENTROIDS[state] ?? [39.0, -77.1];
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return { lon: round(lon + rng.float(-0.3, 0.3)), lat: round(lat + rng.float(-0.3, 0.3)) };
}

/**
 * The full API record of storage index `i`. Fields that filters and sorts use come from the
 * dataset's columns; descriptive text comes from a PRNG seeded by the appl_id, so it is the
 * same every time without being stored.
 */
export function buildRecord(ds: NihDataset, i: number): NihProject {
  const applId = ds.applId[i] as number;
  const rng = Rng.derive(ds.seed, 'project', applId);
  const zoned = ds.zoned[i] === 1;
  const code = ds.codeOf(i);
  const sbir = isSbirSttr(code);
  const [icCode, icAbbr, icName] = INSTITUTES[ds.ic[i] as number] as readonly [string, string, string];
  const org = ds.orgs[ds.org[i] as number];
  if (!org) throw new Error(`project ${applId} has no organization`);
  const fiscalYear = ds.fiscalYear[i] as number;
  const amount = ds.amount[i] as number;
  const serial = String(ds.serial[i]).padStart(6, '0');
  const supportYear = String(ds.supportYear[i]).padStart(2, '0');
  const applType = ds.applType[i] as number;
  const suffix = ['', 'A1', 'S1'][ds.suffix[i] as number] ?? '';
  const direct = Math.round(amount * rng.float(0.6, 0.72));

  const piCount = rng.chance(0.25) ? 2 : 1;
  const pis = Array.from({ length: piCount }, (_, k) => {
    const name = rng.person();
    return {
      profile_id: rng.int(1_000_000, 16_000_000),
      first_name: name.first,
      middle_name: name.middle,
      last_name: name.last,
      is_contact_pi: k === 0,
      full_name: name.full,
      title: rng.pick(PI_TITLES),
    };
  });
  const contact = pis[0];
  const po = rng.person();
  const title = `${rng.pick(TITLE_LEADS)} ${rng.pick(TITLE_THINGS)} for ${rng.pick(TITLE_TARGETS)}`;
  const terms = rng.sample(TERMS.length, rng.int(8, 16)).map((k) => TERMS[k] as string);
  const foa = rng.pick(sbir ? SBIR_FOAS : OTHER_FOAS);
  const srg = rng.pick(SRG_CODES);
  const sra = rng.pick(SRA_DESIGNATORS);
  const group = rng.int(10, 14);
  const phase = ['R43', 'R41', 'U43', 'UT1'].includes(code) ? 'Phase I' : 'Phase II';
  // A few projects are not categorised, as on the real API (both fields null).
  const categories = rng.chance(0.9)
    ? rng
        .sample(SPENDING_CATEGORIES.length, rng.int(1, 4))
        .sort((a, b) => a - b)
        .map((k) => SPENDING_CATEGORIES[k] as readonly [number, string])
    : null;

  return {
    appl_id: applId,
    subproject_id: null,
    fiscal_year: fiscalYear,
    project_num: ds.projectNum(i),
    project_serial_num: `${icCode}${serial}`,
    organization: {
      ...org.organization,
      org_duns: [...org.organization.org_duns],
      org_ueis: [...org.organization.org_ueis],
    },
    award_type: applType === 4 ? '4N' : String(applType),
    activity_code: code,
    award_amount: amount,
    is_active: (ds.endDay[i] as number) >= ds.asOfDay,
    project_num_split: {
      appl_type_code: String(applType),
      activity_code: code,
      ic_code: icCode,
      serial_num: serial,
      support_year: supportYear,
      full_support_year: `${supportYear}${suffix}`,
      suffix_code: suffix,
    },
    principal_investigators: pis,
    contact_pi_name: contact
      ? `${contact.last_name.toUpperCase()}, ${contact.first_name.toUpperCase()}${contact.middle_name ? ` ${contact.middle_name.toUpperCase()}` : ''}`
      : '',
    program_officers: [
      { first_name: po.first, middle_name: po.middle, last_name: po.last, full_name: po.full },
    ],
    agency_ic_admin: { code: icCode, abbreviation: icAbbr, name: icName },
    agency_ic_fundings: [
      {
        fy: fiscalYear,
        code: icCode,
        name: icName,
        abbreviation: icAbbr,
        total_cost: amount,
        direct_cost_ic: direct,
        indirect_cost_ic: amount - direct,
      },
    ],
    cong_dist: org.congDist,
    spending_categories: categories ? categories.map(([id]) => id) : null,
    project_start_date: stamp(ds.startDay[i] as number, zoned),
    project_end_date: stamp(ds.endDay[i] as number, zoned, true),
    organization_type: { ...org.organizationType },
    geo_lat_lon: geoOf(ds, ds.org[i] as number, org.organization.org_state),
    opportunity_number: foa,
    full_foa: foa,
    full_study_section: {
      srg_code: srg,
      srg_flex: '',
      sra_designator_code: sra,
      sra_flex_code: '',
      group_code: '',
      name: `${srg}-${sra}(${group})${rng.pick(['R', 'B', 'S', 'J'])}`,
    },
    award_notice_date: stamp(ds.noticeDay[i] as number, zoned),
    is_new: applType === 1,
    mechanism_code_dc: sbir ? 'SB' : 'RP',
    core_project_num: `${code}${icCode}${serial}`,
    terms: terms.map((term) => `<${term}>`).join(''),
    pref_terms: terms.join(';'),
    abstract_text: `${title}. ${terms.slice(0, 5).join(', ')}.`,
    project_title: title,
    phr_text: `PROJECT NARRATIVE\nThis ${sbir ? `${phase} small business ` : ''}project develops a ${title.toLowerCase()}. Success will give clinicians a faster and cheaper way to act.`,
    spending_categories_desc: categories ? categories.map(([, name]) => name).join('; ') : null,
    agency_code: 'NIH',
    covid_response: null,
    arra_funded: 'N',
    budget_start: stamp(ds.budgetStartDay[i] as number, zoned),
    budget_end: stamp(ds.budgetEndDay[i] as number, zoned, true),
    cfda_code: CFDA_BY_IC[icCode] ?? '310',
    funding_mechanism: sbir ? 'SBIR/STTR' : 'Non-SBIR/STTR',
    direct_cost_amt: direct,
    indirect_cost_amt: amount - direct,
    project_detail_url: `https://reporter.nih.gov/project-details/${applId}`,
    date_added: `${formatYmd(ds.addedDay(i))}T00:00:00`,
  };
}
