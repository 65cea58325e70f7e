// One chaos run's APIs: four simulators with small datasets and injected faults, each behind a
// recording proxy, with what the store should end up holding (the truth, per partition) and a way
// to tell which partition a recorded request belongs to.
import { importFromRunner } from '../workspace.mjs';
import { startRecordingProxy } from './proxy.mjs';

export const API_KEY = 'freshet-chaos-key';
export const FAULT_KINDS = [
  'http500',
  'http502',
  'http503',
  'html500',
  'timeout',
  'reset',
  'truncated',
  'malformed',
  'emptyBody',
];
// Looser than the clients' quota (20/s per source), so only storms and faults refuse requests.
export const NORMAL_LIMIT = { requests: 40, intervalMs: 1000 };
// A 429 storm: far below the client's pace, so nearly every request is refused for a while.
const STORM_LIMIT = { requests: 1, intervalMs: 2000 };
const USASPENDING_GROUPS = ['contracts', 'grants'];
const SAM_BATCH = 14;

/** Page sizes the sources ask for: small, so every partition takes several slices. */
export const PAGE_SIZES = { nih: 5, usaspending: 5, patentsview: 6, samBatch: SAM_BATCH };

/**
 * `scale` multiplies the datasets (the fleet campaign wants runs long enough to kill a worker in);
 * `rateLimit` is what every simulator enforces (and counts violations of).
 */
export async function startChaosApis({ seed, faults, scale = 1, rateLimit = NORMAL_LIMIT }) {
  const tk = await importFromRunner('@freshet/testkit');
  // Each API its own fault stream: one seed for all four would fault the same request numbers.
  const common = (n) => ({
    seed,
    rateLimit,
    faults: faults && { ...faults, seed: seed * 4 + n },
  });
  const sims = {
    nih: await tk.startNihSimulator({
      ...common(0),
      startDate: '2025-01-06',
      weeks: 3 * scale,
      projectsPerWeek: 24,
      activityCodes: tk.SBIR_STTR_ACTIVITY_CODES,
    }),
    usaspending: await tk.startUsaspendingSimulator({
      ...common(1),
      firstFiscalYear: 2023,
      fiscalYears: 2,
      awardsPerYear: {
        contracts: 20 * scale,
        grants: 15 * scale,
        idvs: 0,
        direct_payments: 0,
        loans: 0,
        other: 0,
      },
    }),
    patentsview: await tk.startPatentsViewSimulator({
      ...common(2),
      startMonth: '2025-01',
      months: 3,
      patentsPerMonth: 20 * scale,
      apiKeys: [API_KEY],
    }),
    samGov: await tk.startSamGovSimulator({ ...common(3), entities: 60 * scale, apiKeys: [API_KEY] }),
  };
  const proxies = {};
  for (const [name, sim] of Object.entries(sims)) proxies[name] = await startRecordingProxy(sim.baseUrl);
  // The SAM.gov source sorts its UEIs and cuts batches in that order; two it will not find.
  const ueis = [...sims.samGov.ueis().slice(0, 40 * scale), ...sims.samGov.missingUeis(2)].sort();
  return {
    sims,
    proxies,
    ueis,
    truth: truthOf(sims, ueis, (await importFromRunner('@freshet/source-sam-gov')).samGovRecordKey),
    partitionOf: partitionLookup(sims, ueis),
    /** A 429 storm: every API throttles hard for `ms`. */
    async storm(ms) {
      for (const sim of Object.values(sims)) sim.setRateLimit(STORM_LIMIT);
      await new Promise((resolve) => setTimeout(resolve, ms));
      for (const sim of Object.values(sims)) sim.setRateLimit(rateLimit);
    },
    requests: () => Object.values(proxies).reduce((sum, p) => sum + p.requests.length, 0),
    async close() {
      await Promise.all(Object.values(proxies).map((p) => p.close()));
      await Promise.all(Object.values(sims).map((s) => s.close()));
    },
  };
}

const batchKey = (index) => `sam_gov:uei_batch_${String(index + 1).padStart(4, '0')}`;

/** Partition key -> { source, keys, payload(key) } as a correct client ends up storing them. */
function truthOf(sims, ueis, samKey) {
  const truth = new Map();
  for (const week of sims.nih.weeks()) {
    const keys = sims.nih.truthApplIds(sims.nih.weekCriteria(week.index)).map(String);
    truth.set(`nih:project_week_${week.isoWeek}`, {
      source: 'nih',
      keys,
      payload: (key) => sims.nih.project(Number(key)),
    });
  }
  for (const year of sims.usaspending.fiscalYears()) {
    const keys = USASPENDING_GROUPS.flatMap((group) =>
      sims.usaspending.truthKeys(sims.usaspending.cohortFilters(year.fiscalYear, group)),
    );
    truth.set(`usaspending:award_year_${year.fiscalYear}`, { source: 'usaspending', keys });
  }
  for (const month of sims.patentsview.months()) {
    truth.set(`patentsview:grant_month_${month.month}`, {
      source: 'patentsview',
      keys: sims.patentsview.truthIds(month.month),
    });
  }
  for (let i = 0; i * SAM_BATCH < ueis.length; i++) {
    const batch = ueis.slice(i * SAM_BATCH, (i + 1) * SAM_BATCH);
    // One record per registration: a UEI with several has a key for each.
    const keys = sims.samGov.truth(batch).map(samKey);
    truth.set(batchKey(i), { source: 'sam_gov', keys });
  }
  return truth;
}

/** Which partition a recorded request asks for, from the field each API filters the cohort on. */
function partitionLookup(sims, ueis) {
  const weekByMonday = new Map(sims.nih.weeks().map((w) => [w.from, w.isoWeek]));
  return (name, entry) => {
    const url = new URL(entry.url, 'http://x');
    if (name === 'nih') {
      const from = JSON.parse(entry.body).criteria.award_notice_date.from_date;
      return `nih:project_week_${weekByMonday.get(from)}`;
    }
    if (name === 'usaspending') {
      // A fiscal year starts on October 1 of the year before.
      const start = JSON.parse(entry.body).filters.time_period[0].start_date;
      return `usaspending:award_year_${Number(start.slice(0, 4)) + 1}`;
    }
    if (name === 'patentsview') {
      const from = JSON.parse(url.searchParams.get('q'))._and[0]._gte.patent_date;
      return `patentsview:grant_month_${from.slice(0, 7)}`;
    }
    const first = url.searchParams.get('ueiSAM').replace(/^\[/, '').split('~')[0];
    return batchKey(Math.floor(ueis.indexOf(first) / SAM_BATCH));
  };
}
