import { isDeepStrictEqual } from 'node:util';
import type { Json } from '@freshet/core';

/** One top-level payload field that differs between two revisions. */
export type FieldDiff =
  | { field: string; kind: 'added'; after: Json }
  | { field: string; kind: 'removed'; before: Json }
  | { field: string; kind: 'modified'; before: Json; after: Json };

/**
 * The top-level fields that differ from `before` to `after`, by field name, with their values
 * (nested ones whole). The same fields the change feed names as changed; a payload that is not
 * an object has no fields, so a change of it is the whole value, `$`.
 */
export function diffPayloads(before: Json, after: Json): FieldDiff[] {
  if (!isObject(before) || !isObject(after)) {
    return isDeepStrictEqual(before, after) ? [] : [{ field: '$', kind: 'modified', before, after }];
  }
  const diffs: FieldDiff[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const inBefore = Object.hasOwn(before, field);
    const inAfter = Object.hasOwn(after, field);
    if (!inBefore) diffs.push({ field, kind: 'added', after: after[field]! });
    else if (!inAfter) diffs.push({ field, kind: 'removed', before: before[field]! });
    else if (!isDeepStrictEqual(before[field], after[field])) {
      diffs.push({ field, kind: 'modified', before: before[field]!, after: after[field]! });
    }
  }
  return diffs.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
