import { quote, reasonOf, refusal } from './refusal.js';
import type { Cohort, CohortScheme } from './types.js';

/** The most cohorts one range may expand to; more is a typo, not a plan. */
export const MAX_RANGE_COHORTS = 100_000;

const SEPARATOR = '..';

/** A short valid range for messages: the scheme's example and four cohorts after it. */
export function exampleRange(scheme: CohortScheme): string {
  const first = scheme.parseValue(scheme.exampleValue);
  let last = first;
  try {
    last = scheme.fromOrdinal(first.ordinal + 4);
  } catch {
    // The example sits at the end of the scheme; a range of one still shows the form.
  }
  return `${first.value}${SEPARATOR}${last.value}`;
}

/**
 * Expands `first..last` (inclusive) or a single value. Each end is a value (`2025-W10`) or a
 * full cohort key (`project_week_2025-W10`).
 */
export function expandRange(scheme: CohortScheme, range: string): Cohort[] {
  const fail = (reason: string, cause?: unknown): never => {
    const looksLike = `A valid ${scheme.prefix} range looks like ${exampleRange(scheme)}, one cohort like ${scheme.example}`;
    throw refusal(reason, looksLike, cause === undefined ? {} : { cause });
  };
  if (typeof range !== 'string' || range.length === 0) fail(`range ${quote(range)} is empty`);
  const ends = range.split(SEPARATOR);
  if (ends.length > 2) fail(`range ${quote(range)} has more than one "${SEPARATOR}"`);
  const [firstText = '', lastText = firstText] = ends;
  if (firstText === '' || lastText === '') fail(`range ${quote(range)} has an empty end`);

  const parseEnd = (text: string): Cohort => {
    try {
      return text.startsWith(`${scheme.prefix}_`) ? scheme.parse(text) : scheme.parseValue(text);
    } catch (err) {
      return fail(`range ${quote(range)}: ${reasonOf(err)}`, err);
    }
  };
  const first = parseEnd(firstText);
  const last = parseEnd(lastText);
  if (last.ordinal < first.ordinal) {
    fail(`range ${quote(range)} runs backwards: ${first.value} comes after ${last.value}`);
  }
  const count = last.ordinal - first.ordinal + 1;
  if (count > MAX_RANGE_COHORTS) {
    fail(`range ${quote(range)} spans ${count} cohorts; a range holds at most ${MAX_RANGE_COHORTS}`);
  }
  const cohorts: Cohort[] = [first];
  for (let ordinal = first.ordinal + 1; ordinal < last.ordinal; ordinal++) {
    cohorts.push(scheme.fromOrdinal(ordinal));
  }
  if (count > 1) cohorts.push(last);
  return cohorts;
}
