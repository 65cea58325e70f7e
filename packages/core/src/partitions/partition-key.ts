import { ErrorCodes, FreshetError } from '../errors.js';
import { exampleRange } from './range.js';
import { quote, reasonOf, refusal } from './refusal.js';
import type { Cohort, CohortScheme, Partition } from './types.js';

/** Keys become file names, URL segments and log fields; a cap keeps them all safe. */
export const PARTITION_KEY_MAX_LENGTH = 128;

/** Source id -> its cohort scheme. */
export type CohortSchemes = ReadonlyMap<string, CohortScheme> | Readonly<Record<string, CohortScheme>>;

const SOURCE_ID = /^[a-z][a-z0-9_]{0,31}$/;
const COHORT_TEXT = /^[A-Za-z0-9_-]+$/;
const KEY_CHARACTER = /^[A-Za-z0-9_:-]$/;
const FALLBACK_EXAMPLE = 'nih:project_week_2025-W12';
const KEY_ALLOWED = 'only letters, digits, "_", "-" and one ":" are allowed';
const COHORT_ALLOWED = 'only letters, digits, "_" and "-" are allowed';

/** Lower-case letter first, then lower-case letters, digits and "_"; at most 32 characters. */
export function isValidSourceId(id: unknown): id is string {
  return typeof id === 'string' && SOURCE_ID.test(id);
}

function sourceIdProblem(id: unknown): string {
  return `${quote(id)} is not a source id: use lower-case letters, digits and "_", starting with a letter, at most 32 characters`;
}

/** `source:cohort`, refusing parts that would not parse back. */
export function formatPartitionKey(sourceId: string, cohort: Cohort | string): string {
  const cohortKey = typeof cohort === 'string' ? cohort : cohort?.key;
  if (!isValidSourceId(sourceId)) {
    throw refusal(sourceIdProblem(sourceId), `A valid partition looks like ${FALLBACK_EXAMPLE}`);
  }
  const key = `${sourceId}:${cohortKey}`;
  if (
    typeof cohortKey !== 'string' ||
    !COHORT_TEXT.test(cohortKey) ||
    key.length > PARTITION_KEY_MAX_LENGTH
  ) {
    throw refusal(
      `cohort ${quote(cohortKey)} cannot be part of a partition key: ${COHORT_ALLOWED}, at most ${PARTITION_KEY_MAX_LENGTH} characters in all`,
      `A valid partition looks like ${FALLBACK_EXAMPLE}`,
    );
  }
  return key;
}

function lookup(schemes: CohortSchemes, sourceId: string): CohortScheme | undefined {
  if (isMap(schemes)) return schemes.get(sourceId);
  // Own properties only: `constructor` or `toString` must not pass for a source.
  return Object.hasOwn(schemes, sourceId) ? schemes[sourceId] : undefined;
}

function knownSources(schemes: CohortSchemes): string[] {
  return (isMap(schemes) ? [...schemes.keys()] : Object.keys(schemes)).sort();
}

function isMap(schemes: CohortSchemes): schemes is ReadonlyMap<string, CohortScheme> {
  return typeof (schemes as { get?: unknown }).get === 'function';
}

/** What a character is, in words a person fixing a key understands. */
function describeCharacter(character: string, key: string): string {
  if (character === '/' || character === '\\') return `a path separator ${quote(character)}`;
  if (character === '.') return key.includes('..') ? 'a path step ".."' : 'a "."';
  if (character === '%') return 'URL-encoding ("%")';
  if (/^\s$/u.test(character)) return 'whitespace';
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `the character ${quote(character)}`;
}

/**
 * Parses `source:cohort` strictly, since keys end up in file names, URLs and SQL: one ":",
 * a known source, and a cohort its scheme accepts.
 */
export function parsePartitionKey(key: string, schemes: CohortSchemes): Partition {
  const known = knownSources(schemes);
  const firstKnown = known[0];
  const firstScheme = firstKnown === undefined ? undefined : lookup(schemes, firstKnown);
  const looksLike = `A valid partition looks like ${firstKnown && firstScheme ? `${firstKnown}:${firstScheme.example}` : FALLBACK_EXAMPLE}`;
  const reject = (reason: string): never => {
    throw refusal(reason, looksLike);
  };

  if (typeof key !== 'string') reject(`partition key ${quote(key)} is not text`);
  if (key.length === 0) reject('partition key "" is empty');
  if (key.length > PARTITION_KEY_MAX_LENGTH) {
    reject(
      `partition key ${quote(key)} is ${key.length} characters long; the limit is ${PARTITION_KEY_MAX_LENGTH}`,
    );
  }
  for (const character of key) {
    if (!KEY_CHARACTER.test(character)) {
      reject(`partition key ${quote(key)} contains ${describeCharacter(character, key)}; ${KEY_ALLOWED}`);
    }
  }
  const parts = key.split(':');
  if (parts.length !== 2) reject(`partition key ${quote(key)} must be source:cohort, with exactly one ":"`);
  const [sourceId = '', cohortKey = ''] = parts;
  if (sourceId === '') reject(`partition key ${quote(key)} has no source before ":"`);
  if (cohortKey === '') reject(`partition key ${quote(key)} has no cohort after ":"`);
  if (!isValidSourceId(sourceId)) reject(`partition key ${quote(key)}: ${sourceIdProblem(sourceId)}`);

  const scheme = lookup(schemes, sourceId);
  if (!scheme) {
    const list = known.length > 0 ? `known sources: ${known.join(', ')}` : 'no sources are configured';
    throw new FreshetError(
      ErrorCodes.SOURCE_UNKNOWN,
      `partition key ${quote(key)} names unknown source ${quote(sourceId)}; ${list}`,
      { details: { source: sourceId, known } },
    );
  }
  let cohort: Cohort;
  try {
    cohort = scheme.parse(cohortKey);
  } catch (err) {
    throw refusal(
      `partition key ${quote(key)}: ${reasonOf(err)}`,
      `A valid ${sourceId} partition looks like ${sourceId}:${scheme.example}`,
      { source: sourceId, cause: err },
    );
  }
  return { key: formatPartitionKey(sourceId, cohort), source: sourceId, cohort };
}

/** The partitions of one source in a window such as `2025-W10..2025-W14`, oldest first. */
export function parsePartitionWindow(sourceId: string, scheme: CohortScheme, window: string): Partition[] {
  if (!isValidSourceId(sourceId)) {
    throw refusal(sourceIdProblem(sourceId), `A valid partition looks like ${FALLBACK_EXAMPLE}`);
  }
  let cohorts: Cohort[];
  try {
    cohorts = scheme.parseRange(window);
  } catch (err) {
    throw refusal(
      reasonOf(err),
      `A valid ${sourceId} window looks like ${exampleRange(scheme)}, one partition like ${sourceId}:${scheme.example}`,
      { source: sourceId, cause: err },
    );
  }
  return cohorts.map((cohort) => ({ key: formatPartitionKey(sourceId, cohort), source: sourceId, cohort }));
}

/** Orders by source id, then by cohort ordinal (oldest first). */
export function comparePartitions(a: Partition, b: Partition): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.cohort.ordinal !== b.cohort.ordinal) return a.cohort.ordinal - b.cohort.ordinal;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}
