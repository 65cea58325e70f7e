import { z } from 'zod';

export const STATE_FORMAT_VERSION = 1;

const countsSchema = z.object({
  slices: z.number().int().nonnegative(),
  written: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  notFound: z.number().int().nonnegative(),
  apiCalls: z.number().int().nonnegative(),
});

const partitionStateSchema = z.object({
  status: z.enum(['running', 'failed', 'complete']),
  attempt: z.number().int().positive(),
  cursor: z.unknown(),
  counts: countsSchema,
  durationMs: z.number().nonnegative(),
  lastCompleteAt: z.string().datetime().nullable(),
  updatedAt: z.string().datetime(),
});

/** `data/state/enrichment_refresh_state.json`, as written after a successful run. */
export const stateArtifactSchema = z.object({
  formatVersion: z.literal(STATE_FORMAT_VERSION),
  runId: z.string().min(1),
  writtenAt: z.string().datetime(),
  ledgerWatermark: z.object({
    seq: z.number().int().nonnegative(),
    at: z.string().datetime().nullable(),
    entries: z.number().int().nonnegative(),
  }),
  partitions: z.record(z.string(), partitionStateSchema),
});

export type StateArtifact = z.infer<typeof stateArtifactSchema>;
export type PartitionState = z.infer<typeof partitionStateSchema>;
