import { quoteInput } from '../echo-input.js';

const STRING_LIMIT = 60;

/** A short description of a value for "(got …)" in messages: cut, with control bytes escaped. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quoteInput(value, STRING_LIMIT);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
