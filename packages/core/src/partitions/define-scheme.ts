import { ErrorCodes, FreshetError } from '../errors.js';
import { expandRange } from './range.js';
import { quote, refusal } from './refusal.js';
import type { Cohort, CohortKind, CohortScheme, TimeWindow } from './types.js';
import { isValidInstant } from './utc.js';

/** What a concrete scheme supplies; `defineCohortScheme` builds the rest of `CohortScheme`. */
export interface SchemeSpec {
  kind: CohortKind;
  prefix: string;
  exampleValue: string;
  /** Inclusive bounds of the ordinals the scheme can name. */
  minOrdinal: number;
  maxOrdinal: number;
  /** The ordinal of a value; calls `reject(reason)` for anything that is not a valid value. */
  ordinalOf(value: string, reject: (reason: string) => never): number;
  /** The canonical value of an ordinal within bounds. */
  valueOf(ordinal: number): string;
  windowOf(ordinal: number): TimeWindow | null;
  /** The ordinal whose window holds the instant (time schemes only); may fall outside bounds. */
  ordinalAt?(instant: Date): number;
}

// Short enough to leave room for the source id and value within the 128-character partition key.
const PREFIX = /^[a-z][a-z0-9_]{0,47}$/;

export function defineCohortScheme(spec: SchemeSpec): CohortScheme {
  const { prefix } = spec;
  if (typeof prefix !== 'string' || !PREFIX.test(prefix) || prefix.endsWith('_')) {
    // A source's own bug, not user input: the prefix is fixed in code.
    throw new FreshetError(
      ErrorCodes.INTERNAL,
      `cohort prefix ${quote(prefix)} is invalid: use lower-case letters, digits and "_", starting with a letter and not ending in "_", at most 48 characters, like project_week`,
    );
  }
  const keyStart = `${prefix}_`;
  const example = keyStart + spec.exampleValue;
  const looksLike = `A valid ${prefix} cohort looks like ${example}`;
  const reject = (reason: string): never => {
    throw refusal(reason, looksLike);
  };

  const cohortAt = (ordinal: number): Cohort => {
    const value = spec.valueOf(ordinal);
    return { key: keyStart + value, value, ordinal, window: spec.windowOf(ordinal) };
  };

  const parseValue = (value: string): Cohort => {
    if (typeof value !== 'string' || value.length === 0) reject(`cohort value ${quote(value)} is empty`);
    const ordinal = spec.ordinalOf(value, reject);
    if (ordinal < spec.minOrdinal || ordinal > spec.maxOrdinal) reject(`${quote(value)} is out of range`);
    return cohortAt(ordinal);
  };

  const parse = (cohortKey: string): Cohort => {
    if (typeof cohortKey !== 'string' || !cohortKey.startsWith(keyStart)) {
      reject(`${quote(cohortKey)} is not a ${prefix} cohort: it must start with "${keyStart}"`);
    }
    return parseValue(cohortKey.slice(keyStart.length));
  };

  const fromOrdinal = (ordinal: number): Cohort => {
    if (!Number.isSafeInteger(ordinal) || ordinal < spec.minOrdinal || ordinal > spec.maxOrdinal) {
      reject(
        `ordinal ${String(ordinal)} names no ${prefix} cohort: ordinals run ${spec.minOrdinal}..${spec.maxOrdinal}`,
      );
    }
    return cohortAt(ordinal);
  };

  const scheme: CohortScheme = {
    kind: spec.kind,
    prefix,
    example,
    exampleValue: spec.exampleValue,
    parse,
    parseValue,
    fromOrdinal,
    parseRange: (range) => expandRange(scheme, range),
  };

  const { ordinalAt } = spec;
  if (ordinalAt) {
    scheme.containing = (instant: Date): Cohort => {
      if (!isValidInstant(instant)) reject(`${quote(instant)} is not a valid instant`);
      const ordinal = ordinalAt(instant);
      if (ordinal < spec.minOrdinal || ordinal > spec.maxOrdinal) {
        const first = cohortAt(spec.minOrdinal).key;
        const last = cohortAt(spec.maxOrdinal).key;
        reject(`${instant.toISOString()} falls outside the ${prefix} cohorts (${first}..${last})`);
      }
      return cohortAt(ordinal);
    };
  }
  return scheme;
}
