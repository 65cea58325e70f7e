import type { AnySource } from '@freshet/core';

/** The record keys of one slice, in the order the source returned its records. */
export interface SliceKeys {
  partitionKey: string;
  /** 1 for a partition's first slice fetched. */
  slice: number;
  keys: string[];
}

/**
 * The source with its `fetchSlice` wrapped to note each slice's record keys (through the
 * source's own `recordKey`), and the list they are noted in.
 */
export function recordSliceKeys(source: AnySource): { source: AnySource; slices: SliceKeys[] } {
  const slices: SliceKeys[] = [];
  const counts = new Map<string, number>();
  const wrapped: AnySource = {
    ...source,
    async fetchSlice(request) {
      const result = await source.fetchSlice(request);
      const partitionKey = request.partition.key;
      const slice = (counts.get(partitionKey) ?? 0) + 1;
      counts.set(partitionKey, slice);
      slices.push({ partitionKey, slice, keys: result.records.map((record) => source.recordKey(record)) });
      return result;
    },
  };
  return { source: wrapped, slices };
}

/**
 * One line per slice whose records share a key, naming the keys: the store keeps one record per
 * key, so such records would overwrite each other. Only within a slice: a key seen again on a
 * later page is what offset paging may do, and is stored once.
 */
export function sharedKeys(slices: readonly SliceKeys[]): string[] {
  const lines: string[] = [];
  for (const { partitionKey, slice, keys } of slices) {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.size === keys.length) continue;
    const repeated = [...counts]
      .filter(([, n]) => n > 1)
      .map(([key, n]) => `${JSON.stringify(key)} ×${n}`)
      .join(', ');
    lines.push(`${partitionKey} slice ${slice}: ${keys.length} records, ${counts.size} keys (${repeated})`);
  }
  return lines;
}
