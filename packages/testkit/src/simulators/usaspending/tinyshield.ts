/**
 * The checks and messages of USAspending's request validator (TinyShield,
 * `usaspending_api/common/validator/`): InvalidParameterException answers 400,
 * UnprocessableEntityException 422, both as `{ "detail": … }`.
 */

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 422 | 500,
    readonly detail: unknown,
  ) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
  }
}

export const MAX_ITEMS = 5000;

/** Python's `repr()` of a JSON value, as it appears inside a container. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string')
    return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value}'`;
  return pyStr(value);
}

/** Python's `str()` of a JSON value, as messages print `'{value}'`. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
    .join(', ')}}`;
}

const invalidType = (key: string, value: unknown, type: string, extra = '') =>
  new ApiError(400, `Invalid value in '${key}'. '${pyStr(value)}' is not a valid type (${type})${extra}`);
const belowMin = (key: string, value: unknown, min: number | string, items: boolean) =>
  new ApiError(422, `Field '${key}' value '${pyStr(value)}' is below min '${min}'${items ? ' items' : ''}`);
const aboveMax = (key: string, value: unknown, max: number | string, items: boolean) =>
  new ApiError(422, `Field '${key}' value '${pyStr(value)}' is above max '${max}'${items ? ' items' : ''}`);

export function missingValue(key: string): ApiError {
  return new ApiError(422, `Missing value: '${key}' is a required field`);
}

/** TinyShield treats an absent key and `{}` alike: both are "not provided". */
export function provided(value: unknown): boolean {
  if (value === undefined) return false;
  return !(
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}

export function text(key: string, value: unknown, min = 1, max = MAX_ITEMS): string {
  if (typeof value !== 'string') throw invalidType(key, value, 'text');
  if (value.length > max) throw aboveMax(key, value, max, true);
  if (value.length < min) throw belowMin(key, value, min, true);
  // text_type "search": control characters removed, then trimmed.
  return value.replace(/[\t\v\b\f\r\n]/g, '').trim();
}

export function integer(key: string, value: unknown, min?: number, max?: number): number {
  let n: number | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) n = value;
  else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) n = Number(value);
  if (n === undefined) throw invalidType(key, value, 'integer');
  if (max !== undefined && n > max) throw aboveMax(key, n, max, false);
  if (min !== undefined && n < min) throw belowMin(key, n, min, false);
  return n;
}

export function float(key: string, value: unknown): number {
  const n = typeof value === 'boolean' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || Number.isNaN(n)) throw invalidType(key, value, 'float');
  return n;
}

export function boolean(key: string, value: unknown): boolean {
  const s = pyStr(value).toLowerCase();
  if (s === '1' || s === 't' || s === 'true') return true;
  if (s === '0' || s === 'f' || s === 'false') return false;
  throw invalidType(key, value, 'boolean', '. Use true/false');
}

export function enumValue<T extends string>(key: string, value: unknown, values: readonly T[]): T {
  if (!(values as readonly unknown[]).includes(value)) {
    throw new ApiError(400, `Field '${key}' is outside valid values ${pyRepr(values)}`);
  }
  return value as T;
}

export function array(key: string, value: unknown, min = 1, max = MAX_ITEMS): unknown[] {
  if (!Array.isArray(value)) throw invalidType(key, value, 'array');
  if (value.length > max) throw aboveMax(key, value, max, true);
  if (value.length < min) throw belowMin(key, value, min, true);
  return value;
}

/** An object with known keys; `required` ones must be there. */
export function object(
  key: string,
  value: unknown,
  keys: readonly string[],
  required: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidType(key, value, 'object');
  const o = value as Record<string, unknown>;
  if (Object.keys(o).length === 0) throw new ApiError(400, `'${key}' is empty. Please populate object`);
  for (const field of Object.keys(o)) {
    if (!keys.includes(field)) throw new ApiError(400, `Unexpected field '${field}' in parameter ${key}`);
  }
  for (const field of required) {
    if (!(field in o)) throw new ApiError(422, `Required object fields: ${pyRepr(keys)}`);
  }
  return o;
}

/** A `YYYY-MM-DD` date as epoch days; before `min` answers the rule's own exception. */
export function date(key: string, value: unknown, min?: { date: string; message: string }): string {
  const text = pyStr(value);
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const valid =
    m !== null &&
    (() => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const t = new Date(Date.UTC(y, mo - 1, d));
      return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
    })();
  if (!m || !valid) throw invalidType(key, value, 'date', '. Expected format: (%Y-%m-%d)');
  const iso = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
  if (min && iso < min.date) throw new ApiError(422, min.message);
  return iso;
}
