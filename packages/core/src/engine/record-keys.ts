import { ErrorCodes, FreshetError } from '../errors.js';

/** Keys named in the error; a source that collides on every record would flood it otherwise. */
const MAX_NAMED = 5;

/**
 * Fails when records of one slice share a key. The store keeps one record per key, so storing
 * them would keep the last and lose the others without a trace.
 */
export function assertDistinctKeys(keys: readonly string[], sourceId: string, partitionKey: string): void {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  if (counts.size === keys.length) return;
  const repeated = [...counts].filter(([, n]) => n > 1);
  const named = repeated
    .slice(0, MAX_NAMED)
    .map(([key, n]) => `${JSON.stringify(key)} (${n} records)`)
    .join(', ');
  const more = repeated.length > MAX_NAMED ? ` and ${repeated.length - MAX_NAMED} more` : '';
  throw new FreshetError(
    ErrorCodes.DUPLICATE_RECORD_KEY,
    `a slice of ${partitionKey} returned ${keys.length} records but only ${counts.size} distinct keys: ${named}${more} share a key, and storing them would keep only the last of each. The source's recordKey must tell such records apart (add the field that makes each one distinct to the key)`,
    { source: sourceId, details: { partitionKey, duplicateKeys: repeated.map(([key]) => key) } },
  );
}
