import type { ZodType } from 'zod';
import { ErrorCodes, FreshetError } from './errors.js';
import { formatPath } from './schema-drift.js';

export interface SourceOptionsParsing {
  /** Options whose values a message never shows, not even a malformed one (API keys). */
  secretOptions?: readonly string[];
}

/**
 * A source factory's options, checked against its zod schema and completed with its defaults
 * (`undefined` counts as no options). Anything wrong throws one OPTIONS_INVALID listing every
 * problem: the option by its path, what it must be (the schema's message) and what it got, as
 * `option rows must be a whole number from 1 to 5000 (got 6000)`. An unknown option is listed
 * with the options known at its level, so a typo shows its fix. `details.options` holds the
 * paths of the bad options (`fields.grants.0`), unknown ones included.
 */
export function parseSourceOptions<T>(
  schema: ZodType<T>,
  input: unknown,
  sourceId: string,
  parsing: SourceOptionsParsing = {},
): T {
  const given = input ?? {};
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const secrets = parsing.secretOptions ?? [];
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, issue.path);
      const hint = known ? ` (known options: ${known.join(', ')})` : '';
      return issue.keys
        .map((key) => `option ${formatPath([...issue.path, key])} is not known${hint}`)
        .join('; ');
    }
    if (issue.path.length === 0) {
      // The options as a whole (a rule across options, or not an object at all).
      const got = isPlainObject(given) ? '' : ` (got ${describeValue(given)})`;
      return `options ${issue.message}${got}`;
    }
    const secret = typeof issue.path[0] === 'string' && secrets.includes(issue.path[0]);
    const got = secret ? 'a hidden value' : describeValue(valueAt(given, issue.path));
    return `option ${formatPath(issue.path)} ${issue.message} (got ${got})`;
  });
  throw new FreshetError(ErrorCodes.OPTIONS_INVALID, `invalid options: ${problems.join('; ')}`, {
    source: sourceId,
    details: {
      options: parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => [...issue.path, key].join('.'))
          : [issue.path.join('.')],
      ),
    },
  });
}

const SHOWN_LENGTH = 60;

/** A value as a message shows it: short, and never a whole object (it may hold a secret). */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}…` : value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty list';
    const text = value.every(isScalar) ? JSON.stringify(value) : undefined;
    return text !== undefined && text.length <= SHOWN_LENGTH ? text : `a list of ${value.length}`;
  }
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** What this helper reads of a zod schema's definition (zod's documented `_zod.def`). */
interface SchemaNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      innerType?: SchemaNode;
      in?: SchemaNode;
      element?: SchemaNode;
    };
  };
}

// Wrappers that hold one schema: `.optional()`, `.default()`, `.transform()` (a pipe) and the like.
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let depth = 0; current && depth < 32; depth++) {
    const def = current._zod.def;
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
  return current;
}

/** The keys of the object schema at `path`, when the schema there is a plain object. */
function knownKeys(schema: ZodType, path: ReadonlyArray<PropertyKey>): string[] | undefined {
  let node = unwrap(schema as unknown as SchemaNode);
  for (const part of path) {
    const def = node?._zod.def;
    if (def?.type === 'array' && typeof part === 'number') node = unwrap(def.element);
    else if (def?.type === 'object' && typeof part === 'string') node = unwrap(def.shape?.[part]);
    else return undefined;
  }
  const shape = node?._zod.def.type === 'object' ? node._zod.def.shape : undefined;
  return shape ? Object.keys(shape) : undefined;
}
