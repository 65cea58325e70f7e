import { ErrorCodes, FreshetError } from '../errors.js';
import { defineCohortScheme } from './define-scheme.js';
import { quote } from './refusal.js';
import type { CohortScheme } from './types.js';

export interface BatchCohortsOptions {
  /** `uei_batch` gives `uei_batch_0001`. */
  prefix: string;
  /** Zero-padded width of the batch number; 4 gives 0001..9999. */
  digits?: number;
}

// 15 digits keep every batch number a safe integer.
const MAX_DIGITS = 15;

/** Numbered batches `prefix_0001`, `prefix_0002`, …: 1-based, no window. */
export function batchCohorts({ prefix, digits = 4 }: BatchCohortsOptions): CohortScheme {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
    throw new FreshetError(
      ErrorCodes.INTERNAL,
      `batch digits ${quote(digits)} must be a whole number from 1 to ${MAX_DIGITS}`,
    );
  }
  const first = '1'.padStart(digits, '0');
  const shape = new RegExp(`^[0-9]{${digits}}$`);
  return defineCohortScheme({
    kind: 'batch',
    prefix,
    exampleValue: first,
    minOrdinal: 1,
    maxOrdinal: 10 ** digits - 1,
    ordinalOf(value, reject) {
      if (!shape.test(value)) {
        reject(`${quote(value)} is not a batch number: write exactly ${digits} digits, like ${first}`);
      }
      const ordinal = Number(value);
      if (ordinal === 0) reject(`${quote(value)} is not a batch number: batches start at ${first}`);
      return ordinal;
    },
    valueOf: (ordinal) => String(ordinal).padStart(digits, '0'),
    windowOf: () => null,
  });
}
