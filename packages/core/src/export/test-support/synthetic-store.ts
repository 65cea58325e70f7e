import type { Json } from '../../json.js';
import type { SourceColumns } from '../../source.js';
import type { RecordPageQuery, Store, StoredRecord } from '../../store/types.js';

/** Columns of the synthetic records, one of each type. */
export const SYNTHETIC_COLUMNS: SourceColumns = {
  id: 'integer',
  title: 'string',
  amount: 'number',
  active: 'boolean',
  day: 'date',
  'org.name': 'string',
};

const BASE = Date.UTC(2025, 0, 1);

export interface SyntheticPayload {
  id: number;
  title: string;
  amount: number;
  active: boolean;
  day: string;
  org: { name: string };
}

export function syntheticKey(i: number): string {
  return `k${String(i).padStart(8, '0')}`;
}

/** Record `i` of the synthetic set: small, as real records go, and the same on every call. */
export function syntheticRecord(i: number): StoredRecord {
  const payload: SyntheticPayload = {
    id: i,
    title: i % 7 === 0 ? `Title ${i}, with "quotes"` : `Title ${i}`,
    amount: i * 1.25,
    active: i % 2 === 0,
    day: new Date(BASE + (i % 365) * 86_400_000).toISOString().slice(0, 10),
    org: { name: `Org ${i % 1000}` },
  };
  return {
    source: 'synthetic',
    key: syntheticKey(i),
    partitionKey: `synthetic:batch_${String(Math.floor(i / 10_000) + 1).padStart(4, '0')}`,
    payload: payload as unknown as Json,
    hash: String(i),
    revision: 1 + (i % 3),
    firstSeenAt: new Date(BASE + i * 1000),
    updatedAt: new Date(BASE + i * 2000),
  };
}

/**
 * A store that makes `count` records on the fly, in key order, as `listRecords` pages them: it
 * holds none, so a child process's peak memory is the export's alone.
 */
export function syntheticStore(count: number): Pick<Store, 'listRecords' | 'getRun'> {
  return {
    async listRecords(query: RecordPageQuery) {
      const start = query.after === undefined ? 0 : Number(query.after.key.slice(1)) + 1;
      const end = Math.min(count, start + query.limit);
      const page: StoredRecord[] = [];
      for (let i = start; i < end; i++) page.push(syntheticRecord(i));
      return page;
    },
    async getRun() {
      return null;
    },
  };
}
