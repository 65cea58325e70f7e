import { z } from 'zod';

export const POSITIVE_INTEGER = 'a positive integer';
const MILLISECONDS = 'a whole number of milliseconds (0 or more)';

// `${VAR}` interpolation yields text, so JSON and YAML may spell numbers and booleans as text;
// the declared input type stays number or boolean for TS configs.
export function fromText(value: number): unknown {
  const input: unknown = value;
  return typeof input === 'string' && /^\s*\d+\s*$/.test(input) ? Number(input) : input;
}
export function booleanFromText(value: boolean): unknown {
  const input: unknown = value;
  return input === 'true' ? true : input === 'false' ? false : input;
}

export const positiveInt = () =>
  z.preprocess(fromText, z.int({ error: POSITIVE_INTEGER }).positive({ error: POSITIVE_INTEGER }));
export const milliseconds = () =>
  z.preprocess(fromText, z.int({ error: MILLISECONDS }).nonnegative({ error: MILLISECONDS }));
export const text = (expected: string) => z.string({ error: expected }).trim().min(1, { error: expected });
