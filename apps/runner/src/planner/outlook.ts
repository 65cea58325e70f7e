import type { PlanFacts } from './build-plan.js';
import type { PlanEntry, PlanSourceQuota } from './types.js';

const DAY_MS = 86_400_000;

/**
 * What each budgeted source's plan means beyond today: the calls one SLA period needs against
 * what the daily budget allows over it, the budget that would cover it when it does not, and
 * the UTC day each deferred partition (and so the backlog) is expected to run, one budget a day.
 */
export function addOutlook(quotas: PlanSourceQuota[], entries: readonly PlanEntry[], facts: PlanFacts): void {
  const bySource = new Map(quotas.map((q) => [q.source, q]));
  for (const quota of quotas) {
    quota.callsPerSla = 0;
    quota.budgetPerSla = null;
    quota.neededDailyBudget = null;
    quota.backlogClearsOn = null;
    quota.warning = null;
  }
  for (const entry of entries) {
    const quota = bySource.get(entry.source);
    if (quota) quota.callsPerSla += entry.estimatedCalls;
  }
  for (const quota of quotas) {
    const slaMs = facts.sources.get(quota.source)?.slaMs;
    if (quota.dailyBudget === null || slaMs === undefined) continue;
    // Each UTC day of the SLA period brings one budget (a sub-day SLA still needs a day's).
    const slaDays = Math.max(1, slaMs / DAY_MS);
    quota.budgetPerSla = Math.floor(quota.dailyBudget * slaDays);
    if (quota.callsPerSla > quota.budgetPerSla) {
      quota.neededDailyBudget = Math.ceil(quota.callsPerSla / slaDays);
      quota.warning = `needs ~${quota.callsPerSla} calls every ${quota.sla} to keep every partition within its SLA, but ${quota.dailyBudget} a day allows ${quota.budgetPerSla}: the SLA cannot be met; a daily budget of at least ${quota.neededDailyBudget} would meet it (or a longer SLA, or fewer partitions)`;
    }
  }
  scheduleDeferred(entries, bySource, facts.now);
}

/** Fills each later UTC day with one daily budget of deferred partitions, in plan order. */
function scheduleDeferred(
  entries: readonly PlanEntry[],
  bySource: ReadonlyMap<string, PlanSourceQuota>,
  now: Date,
): void {
  const cursor = new Map<string, { day: number; used: number }>();
  for (const entry of entries) {
    if (entry.action !== 'deferred') continue;
    const quota = bySource.get(entry.source);
    const budget = quota?.dailyBudget;
    if (!quota || budget === null || budget === undefined) continue;
    const at = cursor.get(entry.source) ?? { day: 1, used: 0 };
    if (at.used > 0 && at.used + entry.estimatedCalls > budget) {
      at.day++;
      at.used = 0;
    }
    const firstDay = at.day;
    at.used += entry.estimatedCalls;
    // A partition larger than a day's budget goes on over the following days.
    while (at.used > budget) {
      at.day++;
      at.used -= budget;
    }
    cursor.set(entry.source, at);
    const runsOn = utcDate(now, firstDay);
    if (quota.warning === null) {
      entry.note = `${entry.note}; expected to run on ${runsOn}${entry.slaGap ? ', closing its SLA gap' : ''} at ${budget} calls a day`;
      quota.backlogClearsOn = utcDate(now, at.day);
    } else {
      entry.note = `${entry.note}; ${budget} calls a day cannot keep up with this source (see the warning)`;
    }
  }
}

function utcDate(now: Date, daysLater: number): string {
  return new Date(now.getTime() + daysLater * DAY_MS).toISOString().slice(0, 10);
}
