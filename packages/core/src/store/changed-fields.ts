import { isDeepStrictEqual } from 'node:util';
import type { ChangedFields } from './types.js';

/**
 * The top-level fields that differ between two payloads' JSON texts. A payload that is not an
 * object (an array, a number) has no fields: the change is reported as the whole value, `$`.
 */
export function changedFields(beforeJson: string, afterJson: string): ChangedFields {
  const before: unknown = JSON.parse(beforeJson);
  const after: unknown = JSON.parse(afterJson);
  if (!isPlainObject(before) || !isPlainObject(after)) {
    return { added: [], removed: [], modified: isDeepStrictEqual(before, after) ? [] : ['$'] };
  }
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];
  for (const name of Object.keys(after)) {
    if (!Object.hasOwn(before, name)) added.push(name);
    else if (!isDeepStrictEqual(before[name], after[name])) modified.push(name);
  }
  for (const name of Object.keys(before)) if (!Object.hasOwn(after, name)) removed.push(name);
  return { added: added.sort(), removed: removed.sort(), modified: modified.sort() };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
