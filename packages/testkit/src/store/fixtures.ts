import {
  type Checkpoint,
  ErrorCodes,
  isFreshetError,
  type Json,
  type RecordInput,
  type RunRow,
  type SliceCounts,
} from '@freshet/core';
import { expect } from 'vitest';

/** Builders of the rows the checks write; fixed times, so no check depends on the clock. */

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
export const minutes = (n: number): Date => new Date(T0 + n * 60_000);

export const counts = (over: Partial<SliceCounts> = {}): SliceCounts => ({
  slices: 0,
  written: 0,
  unchanged: 0,
  failed: 0,
  notFound: 0,
  apiCalls: 0,
  ...over,
});

export const checkpoint = (partitionKey: string, over: Partial<Checkpoint> = {}): Checkpoint => ({
  partitionKey,
  source: partitionKey.split(':')[0] ?? partitionKey,
  cohort: partitionKey.split(':')[1] ?? '',
  status: 'running',
  cursor: null,
  attempt: 1,
  counts: counts(),
  runId: null,
  startedAt: minutes(0),
  updatedAt: minutes(0),
  completedAt: null,
  lastCompleteAt: null,
  durationMs: 0,
  error: null,
  ...over,
});

export const run = (id: string, over: Partial<RunRow> = {}): RunRow => ({
  id,
  runKey: null,
  trigger: 'manual',
  status: 'running',
  scope: { sources: ['nih'] },
  plan: [],
  metadata: {},
  startedAt: minutes(0),
  finishedAt: null,
  error: null,
  ...over,
});

export const rec = (key: string, hash: string, payload: Json = { key, hash }): RecordInput => ({
  key,
  hash,
  json: JSON.stringify(payload),
});

export async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export async function expectStoreError(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isFreshetError(err, ErrorCodes.STORE_ERROR), `expected STORE_ERROR, got ${String(err)}`).toBe(true);
}
