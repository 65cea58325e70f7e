import type { SimulatorSet } from './simulator-set.js';

/** Partition ranges that cover exactly what the simulators hold. */
export interface SimulatorRanges {
  nih: string;
  usaspending: string;
  patentsview: string;
}

export function rangesOf(sims: Pick<SimulatorSet, 'nih' | 'usaspending' | 'patentsview'>): SimulatorRanges {
  const weeks = sims.nih.weeks();
  const years = sims.usaspending.fiscalYears();
  const months = sims.patentsview.months();
  return {
    nih: `${weeks[0]?.isoWeek}..${weeks.at(-1)?.isoWeek}`,
    usaspending: `${years[0]?.fiscalYear}..${years.at(-1)?.fiscalYear}`,
    patentsview: `${months[0]?.month}..${months.at(-1)?.month}`,
  };
}
