import { DAY_MS, formatYmd } from '../../sim/dates.js';
import { Rng } from '../../sim/random.js';
import type {
  PatentsViewAttorney,
  PatentsViewCpc,
  PatentsViewCrosswalk,
  PatentsViewForeignPriority,
  PatentsViewIpcr,
} from './types.js';
import { COMPANY_STEMS, FIRST_NAMES, FOREIGN_PLACES, LAST_NAMES } from './vocab.js';

/** The groups of a patent beyond the five hyperlinked ones; absent when the patent has none. */
export interface ExtraGroups {
  attorneys?: PatentsViewAttorney[];
  foreign_priority?: PatentsViewForeignPriority[];
  granted_pregrant_crosswalk?: PatentsViewCrosswalk[];
  ipcr?: PatentsViewIpcr[];
}

const LAW_FIRM_KINDS = [' LLP', ' & Partners LLP', ' PLLC', ' P.C.', ' IP Law Group'] as const;

function attorneyId(rng: Rng): string {
  return Array.from({ length: 8 }, () => rng.int(0, 15).toString(16)).join('');
}

/** Representatives: a firm (organization only) or registered practitioners (names only). */
function attorneys(rng: Rng): PatentsViewAttorney[] {
  const firm = rng.chance(0.6);
  const count = firm ? 1 : rng.int(1, 3);
  return Array.from({ length: count }, (_, sequence) => ({
    attorney_id: attorneyId(rng),
    attorney_sequence: sequence,
    attorney_name_first: firm ? null : rng.pick(FIRST_NAMES),
    attorney_name_last: firm ? null : rng.pick(LAST_NAMES),
    attorney_organization: firm ? `${rng.pick(COMPANY_STEMS)}${rng.pick(LAW_FIRM_KINDS)}` : null,
  }));
}

/** Paris Convention claims: filed abroad up to a year before the US filing. */
function foreignPriority(rng: Rng, filedDay: number): PatentsViewForeignPriority[] {
  return Array.from({ length: rng.chance(0.8) ? 1 : 2 }, (_, sequence) => {
    const [country] = rng.pick(FOREIGN_PLACES);
    const day = filedDay - rng.int(30, 365);
    return {
      priority_claim_sequence: sequence,
      priority_claim_kind: 'national',
      foreign_application_id: `${new Date(day * DAY_MS).getUTCFullYear()}-${rng.digits(6)}`,
      filing_date: formatYmd(day),
      foreign_country_filed: country,
    };
  });
}

/** The pre-grant publication of the application, about 18 months after filing. */
function crosswalk(rng: Rng, filedDay: number, applicationId: string): PatentsViewCrosswalk[] {
  const published = new Date((filedDay + 548) * DAY_MS).getUTCFullYear();
  return [
    {
      document_number: `${published}${rng.digits(7)}`,
      application_number: applicationId.replace('/', ''),
      current_pgpub_id_flag: 1,
      current_patent_id_flag: 1,
    },
  ];
}

/** IPC symbols matching the patent's CPC groups (`A61K31/4439` → A 61 K 31 4439). */
function ipcr(rng: Rng, cpcs: readonly PatentsViewCpc[], filedDay: number): PatentsViewIpcr[] {
  const actionDay = filedDay + rng.int(60, 400);
  return cpcs
    .filter((cpc) => /^[A-HY]\d\d[A-Z]\d+\/\d+$/.test(cpc.cpc_group_id) && !cpc.cpc_group_id.startsWith('Y'))
    .map((cpc, sequence) => {
      const [main, sub] = cpc.cpc_group_id.slice(4).split('/') as [string, string];
      return {
        ipc_sequence: sequence,
        ipc_section: cpc.cpc_group_id.charAt(0),
        ipc_class: cpc.cpc_group_id.slice(1, 3),
        ipc_subclass: cpc.cpc_group_id.charAt(3),
        ipc_main_group: main,
        ipc_subgroup: sub,
        ipc_symbol_position: sequence === 0 ? 'F' : 'L',
        ipc_classification_value: 'I',
        ipc_classification_data_source: 'H',
        ipc_action_date: formatYmd(actionDay),
      };
    });
}

/**
 * The extra groups of one patent, from their own PRNG (seeded by the patent id), so adding them
 * changes none of the other fields.
 */
export function extraGroups(
  seed: number,
  id: string,
  type: string,
  filedDay: number,
  applicationId: string,
  cpcs: readonly PatentsViewCpc[],
): ExtraGroups {
  const rng = Rng.derive(seed, 'patent-extra', id);
  const out: ExtraGroups = {};
  if (rng.chance(0.9)) out.attorneys = attorneys(rng);
  if (rng.chance(0.3)) out.foreign_priority = foreignPriority(rng, filedDay);
  if (type === 'utility' && rng.chance(0.7)) {
    out.granted_pregrant_crosswalk = crosswalk(rng, filedDay, applicationId);
  }
  const symbols = type === 'utility' || type === 'reissue' ? ipcr(rng, cpcs, filedDay) : [];
  if (symbols.length > 0) out.ipcr = symbols;
  return out;
}
