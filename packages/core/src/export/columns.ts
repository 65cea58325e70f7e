import { ErrorCodes, FreshetError } from '../errors.js';
import type { Json } from '../json.js';
import type { ColumnType, SourceColumns } from '../source.js';

export const COLUMN_TYPES: readonly ColumnType[] = [
  'string',
  'integer',
  'number',
  'boolean',
  'date',
  'timestamp',
];

/** One declared payload field, ready to read from a payload. */
export interface PayloadColumn {
  /** The column's name in the export: `payload.` and the declared path. */
  name: string;
  path: string;
  type: ColumnType;
  /** The path split at its dots, read once instead of per record. */
  steps: readonly string[];
}

/** The column name a declared payload path gets; the prefix keeps it clear of the record's own columns. */
export function payloadColumnName(path: string): string {
  return `payload.${path}`;
}

/** Checks a source's `columns` declaration and turns it into columns, in declaration order. */
export function payloadColumns(sourceId: string, columns: SourceColumns | undefined): PayloadColumn[] {
  if (columns === undefined) return [];
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    throw invalid(sourceId, 'columns must be an object mapping payload fields to types');
  }
  return Object.entries(columns).map(([path, type]) => {
    const steps = path.split('.');
    if (steps.some((step) => step.length === 0)) {
      throw invalid(
        sourceId,
        `column ${JSON.stringify(path)} is not a payload path; name a field (appl_id) or a dotted path (organization.org_name)`,
      );
    }
    if (!COLUMN_TYPES.includes(type)) {
      throw invalid(
        sourceId,
        `column ${JSON.stringify(path)} has type ${JSON.stringify(type)}; use one of ${COLUMN_TYPES.join(', ')}`,
      );
    }
    return { name: payloadColumnName(path), path, type, steps };
  });
}

/** The value at a column's path, or undefined where the payload has nothing there. */
export function valueAt(payload: Json, steps: readonly string[]): Json | undefined {
  let value: Json | undefined = payload;
  for (const step of steps) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[step];
  }
  return value;
}

/** A typed cell: Date for `date` and `timestamp` columns, null where the payload has no value. */
export type Cell = string | number | boolean | Date | null;

/** What `toCell` makes of a value that does not fit its column's type. */
export const MISMATCH = Symbol('mismatch');

const WHOLE_NUMBER = /^-?\d+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * The value as its column's type, null when absent, or MISMATCH when it does not fit (the
 * caller writes null and counts it; the payload column keeps the original). Lossless readings
 * are accepted: a whole-number string for an integer, an ISO date-time for a date.
 */
export function toCell(value: Json | undefined, type: ColumnType): Cell | typeof MISMATCH {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : MISMATCH;
    case 'integer': {
      const n = typeof value === 'string' && WHOLE_NUMBER.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : MISMATCH;
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : MISMATCH;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : MISMATCH;
    case 'date':
      return typeof value === 'string' ? dateOf(value) : MISMATCH;
    case 'timestamp':
      return typeof value === 'string' ? timestampOf(value) : MISMATCH;
  }
}

// A calendar date, as midnight UTC: the day the API wrote, whatever the reader's time zone.
function dateOf(text: string): Date | typeof MISMATCH {
  const match = ISO_DATE.exec(text);
  if (match === null) return MISMATCH;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) ? date : MISMATCH;
}

// A date-time without a zone is read as UTC (JavaScript would read it as local time).
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function timestampOf(text: string): Date | typeof MISMATCH {
  if (!ISO_DATE.test(text)) return MISMATCH;
  const ms = Date.parse(text.includes('T') && !HAS_ZONE.test(text) ? `${text}Z` : text);
  return Number.isNaN(ms) ? MISMATCH : new Date(ms);
}

function invalid(sourceId: string, message: string): FreshetError {
  return new FreshetError(ErrorCodes.CONFIG_INVALID, message, { source: sourceId });
}

/** What `readDeclaredColumns` read from one payload. */
export interface DeclaredCells {
  /** Each declared column's cell, by column name (`payload.appl_id`); null where it did not fit. */
  cells: Record<string, Cell>;
  /** The columns whose value did not fit the declared type. */
  mismatches: string[];
}

/**
 * A source's declared columns read out of one payload, as an export reads them: how a source
 * checks its `columns` against real responses in its tests.
 */
export function readDeclaredColumns(sourceId: string, columns: SourceColumns, payload: Json): DeclaredCells {
  const result: DeclaredCells = { cells: {}, mismatches: [] };
  for (const column of payloadColumns(sourceId, columns)) {
    const cell = toCell(valueAt(payload, column.steps), column.type);
    if (cell === MISMATCH) result.mismatches.push(column.name);
    result.cells[column.name] = cell === MISMATCH ? null : cell;
  }
  return result;
}
