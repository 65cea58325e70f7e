import type { Json, RunStatus } from '@freshet/core';
import { z } from 'zod';
import { sensorStateSchema } from '../sensor/state-schema.js';
import { PARTITION_STATES, type PartitionState } from '../views/partition-states.js';
import { RUN_STATUSES } from '../views/run-statuses.js';
import type { SourcePartitions } from '../views/source-partitions.js';
import type { StatusReport } from '../views/status.js';
import { intParam, runStatusParam, stateParam } from './query.js';

// The JSON API's requests and answers as zod schemas: the routes parse their queries and bodies
// with the request schemas, and /api/openapi.json is generated from all of them (openapi.ts).
// The answer schemas are strict at the top: api-doc.test.ts parses every route's real answer
// with its schema, so a field added to a view without a word here fails that test.

/** An ISO 8601 time, as every time in the API is sent. */
const time = () => z.string().meta({ format: 'date-time' });
const nullableTime = () => time().nullable();
/** A JSON value a source chose (a cursor): a page number, an offset, an `after` token… */
const anyJson = (description: string) => z.custom<Json>(() => true).describe(description);

export const errorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z
        .string()
        .describe('FreshetError code: CONFIG_INVALID, PARTITION_KEY_INVALID, NOT_FOUND, INTERNAL…'),
      message: z.string().describe('what went wrong, and the fix when there is one'),
    }),
  })
  .meta({ id: 'Error', description: 'Every 4xx and 5xx answer.' });

// --- requests ---

/** `GET /api/sources/{id}/partitions` */
export const partitionsQuerySchema = z.object({
  page: z
    .string()
    .optional()
    .transform((value) => intParam(value, 1, 1, Number.MAX_SAFE_INTEGER))
    .meta({
      type: 'integer',
      minimum: 1,
      default: 1,
      description: 'the page of the grid (100 partitions a page); past the last page, the last',
    }),
  state: z
    .string()
    .optional()
    .transform(stateParam)
    .meta({
      type: 'string',
      enum: [...PARTITION_STATES],
      description: 'only the partitions in this state; any other value: all of them',
    }),
});

/** `GET /api/runs` */
export const runsQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform(runStatusParam)
    .meta({
      type: 'string',
      enum: [...RUN_STATUSES],
      description: 'only runs with this status; any other value: all of them',
    }),
  limit: z
    .string()
    .optional()
    .transform((value) => intParam(value, 20, 1, 1000))
    .meta({
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 20,
      description: 'at most this many runs, newest first (clamped to 1..1000)',
    }),
});

const scopeFields = {
  source: z.string().nullable().optional().describe('only this source, e.g. nih (as --source)'),
  window: z
    .string()
    .nullable()
    .optional()
    .describe(
      'a cohort window, e.g. 2025-W10..2025-W14, 2025-01..2025-03, 2024..2025 (as --window); without a source it applies to the sources whose cohorts it names',
    ),
};
const checkedHint = 'true, or the text "true", "on" or "1"; anything else is false';

/** `GET /api/plan`: the launch form's fields, as query parameters. */
export const planQuerySchema = z.object({
  ...scopeFields,
  partitions: z
    .string()
    .optional()
    .describe('partition keys, separated by commas or spaces (as --partition)'),
  force: z.string().optional().describe(`as --force: also plan fresh partitions (${checkedHint})`),
  overridePause: z
    .string()
    .optional()
    .describe('accepted for symmetry with POST /api/runs; a plan does not look at the sensor gate'),
});

/** `POST /api/runs`: a JSON object; fields it does not name are ignored. */
export const launchBodySchema = z
  .looseObject({
    ...scopeFields,
    partitions: z
      .union([z.array(z.string()), z.string()])
      .nullable()
      .optional()
      .describe('partition keys: a list, or one text separated by commas or spaces (as --partition)'),
    force: z
      .union([z.boolean(), z.string()])
      .nullable()
      .optional()
      .describe(`as --force in the scope: also run fresh partitions (${checkedHint})`),
    overridePause: z
      .union([z.boolean(), z.string()])
      .nullable()
      .optional()
      .describe(
        `as --force at the sensor gate: run although the sensor is paused, recorded on the run (${checkedHint})`,
      ),
  })
  .meta({
    id: 'LaunchRequest',
    description: 'A manual run, as `freshet run` takes it: the scope, and whether to force it.',
    examples: [{ source: 'nih', window: '2025-W10..2025-W12' }],
  });

// --- answers ---

const counts = z.strictObject({
  slices: z.number(),
  written: z.number().describe('records inserted, or whose payload changed'),
  unchanged: z.number().describe('records fetched again with the same payload'),
  failed: z.number(),
  notFound: z.number(),
  apiCalls: z.number().describe('HTTP attempts, retries included'),
});

const storedError = z.strictObject({ code: z.string(), message: z.string() }).nullable();

const runScopeSchema = z
  .strictObject({
    sources: z.array(z.string()).nullable().describe('only these sources; null: every enabled source'),
    partitions: z.array(z.string()),
    window: z.string().nullable(),
    force: z.boolean(),
  })
  .meta({ id: 'RunScope', description: 'What a run or plan covers, as given on the command line.' });

const planEntrySchema = z
  .strictObject({
    partitionKey: z.string(),
    source: z.string(),
    reason: z.enum(['resumable', 'sla_breached', 'never_run', 'sla_due', 'fresh', 'leased']),
    action: z
      .enum(['run', 'deferred', 'skipped'])
      .describe('run: in this run, in order; deferred: does not fit today’s quota; skipped: fresh or leased'),
    refresh: z.boolean().describe('start again from the beginning; otherwise resume from the cursor'),
    estimatedCalls: z.number(),
    estimateFrom: z.enum(['source', 'history', 'default']),
    checkpoint: z
      .strictObject({
        status: z.enum(['running', 'failed', 'complete']),
        attempt: z.number(),
        cursor: anyJson('where the next slice starts'),
        updatedAt: time(),
        lastCompleteAt: nullableTime(),
      })
      .nullable(),
    slaGap: z
      .strictObject({
        reason: z.enum(['expired', 'never_completed', 'never_run']),
        breachedSince: nullableTime(),
        lastCompleteAt: nullableTime(),
        staleRecords: z.number(),
        overdueMs: z.number().nullable(),
      })
      .nullable(),
    note: z.string().nullable().describe('why the entry is deferred or skipped, or a warning about it'),
  })
  .meta({ id: 'PlanEntry' });

const planSchema = z
  .strictObject({
    generatedAt: time(),
    scope: runScopeSchema,
    entries: z.array(planEntrySchema).describe('to run first, in run order, then deferred, then skipped'),
    sources: z.array(
      z.strictObject({
        source: z.string(),
        sla: z.string(),
        dailyBudget: z.number().nullable(),
        usedToday: z.number(),
        remainingToday: z.number().nullable(),
        plannedCalls: z.number(),
        deferredCalls: z.number(),
        callsPerSla: z.number(),
        budgetPerSla: z.number().nullable(),
        neededDailyBudget: z.number().nullable(),
        backlogClearsOn: z.string().nullable().describe('UTC day, YYYY-MM-DD'),
        warning: z.string().nullable(),
      }),
    ),
    problems: z
      .array(z.strictObject({ source: z.string(), code: z.string(), message: z.string() }))
      .describe('sources that could not list their partitions (they fail the run)'),
    notes: z
      .array(z.strictObject({ source: z.string(), message: z.string() }))
      .optional()
      .describe(
        'enabled sources the scope left out, and why (a window of ISO weeks leaves out sources of fiscal years); absent from plans stored before it was added',
      ),
    totals: z.strictObject({
      partitions: z.number(),
      run: z.number(),
      deferred: z.number(),
      skipped: z.number(),
      estimatedCalls: z.number(),
    }),
  })
  .meta({ id: 'Plan', description: 'What a run does, and why: `freshet plan --json`.' });

const runRowSchema = z
  .strictObject({
    id: z.string(),
    runKey: z
      .string()
      .nullable()
      .describe('idempotency key: schedule:<tick>, sensor:<event id>, resume:<run id>'),
    trigger: z.enum(['schedule', 'sensor', 'manual']),
    status: z.enum(RUN_STATUSES as readonly RunStatus[] as [RunStatus, ...RunStatus[]]),
    scope: runScopeSchema,
    plan: planSchema.nullable(),
    metadata: z
      .record(z.string(), z.unknown())
      .describe(
        'sensor, pauseOverride, trigger, totals, slaGapsClosed, artifact, durationMs, process, fleet',
      ),
    startedAt: time(),
    finishedAt: nullableTime(),
    error: storedError,
  })
  .meta({ id: 'Run', description: 'A run as stored: `freshet runs list --json` lists these.' });

const sensorSchema = sensorStateSchema.meta({
  id: 'SensorState',
  description: 'The sensor: waiting for the upstream assets, active, or paused, and why.',
});

const stateCounts = z.strictObject(
  Object.fromEntries(PARTITION_STATES.map((state) => [state, z.number()])) as Record<
    (typeof PARTITION_STATES)[number],
    z.ZodNumber
  >,
);

const partitionState = z.enum(
  PARTITION_STATES as readonly PartitionState[] as [PartitionState, ...PartitionState[]],
);

export const statusSchema = z
  .strictObject({
    configFile: z.string().nullable(),
    store: z.string().describe('the store, as a label (a path, or a URL without its password)'),
    stateArtifact: z.strictObject({
      path: z.string(),
      status: z.enum(['valid', 'absent', 'invalid']),
      runId: z.string().nullable(),
      message: z.string().nullable(),
    }),
    sensor: z.strictObject({
      status: z.string().describe('waiting, active or paused'),
      reason: z.string(),
      since: z.string(),
      upstreamAssets: z.array(z.string()),
    }),
    schedule: z.strictObject({
      cron: z.string(),
      timezone: z.string(),
      nextTick: nullableTime(),
      lastTickSeen: anyJson('the last schedule tick the daemon saw'),
    }),
    runInProgress: z.string().nullable().describe('the id of the run holding the run lock'),
    fleet: z.strictObject({
      limiter: z.string(),
      leader: z.string().nullable(),
      workers: z.array(
        z.looseObject({
          workerId: z.string(),
          host: z.string(),
          pid: z.number(),
          partitions: z.array(z.string()),
          lastHeartbeat: time(),
          leader: z.boolean(),
        }),
      ),
    }),
    lastRuns: z.array(
      z.strictObject({
        id: z.string(),
        trigger: z.string(),
        status: z.string(),
        startedAt: time(),
        error: z.string().nullable(),
      }),
    ),
    sources: z.array(
      z.strictObject({
        source: z.string(),
        enabled: z.boolean(),
        disabled: z.string().nullable().describe('why the source is disabled; null when it is enabled'),
        sla: z.string(),
        partitions: z
          .strictObject({
            total: z.number(),
            complete: z.number(),
            running: z.number(),
            failed: z.number(),
            neverRun: z.number(),
          })
          .nullable(),
        slaGaps: z.number(),
        quota: z.strictObject({ dailyBudget: z.number().nullable(), usedToday: z.number() }),
        problem: z.string().nullable().describe('why the source could not list its partitions'),
      }),
    ),
    slaGaps: z
      .array(
        z.strictObject({
          partitionKey: z.string(),
          reason: z.string(),
          breachedSince: nullableTime(),
          staleRecords: z.number(),
        }),
      )
      .describe('the most overdue SLA gaps, at most 10'),
  })
  .meta({
    id: 'Status',
    description: 'What `freshet status --json` prints.',
  }) satisfies z.ZodType<StatusReport>;

export const sourcePartitionsSchema = z
  .strictObject({
    source: z.strictObject({
      id: z.string(),
      enabled: z.boolean(),
      sla: z.string(),
      dailyBudget: z.number().nullable(),
      usedToday: z.number(),
    }),
    problem: z.string().nullable(),
    total: z.number(),
    counts: stateCounts,
    buckets: z
      .array(
        z.strictObject({
          from: z.number(),
          to: z.number(),
          firstKey: z.string(),
          lastKey: z.string(),
          state: partitionState,
          counts: stateCounts,
        }),
      )
      .describe('the partition bar over every partition (not only the filtered ones)'),
    filter: partitionState.nullable(),
    matching: z.number().describe('partitions the filter keeps'),
    page: z.number(),
    pageCount: z.number(),
    pageSize: z.number(),
    cells: z.array(
      z.strictObject({
        key: z.string(),
        state: partitionState,
        lastCompleteAt: nullableTime(),
        index: z.number(),
        slices: z.number(),
        written: z.number(),
        cursor: anyJson('the checkpoint’s cursor'),
      }),
    ),
  })
  .meta({
    id: 'SourcePartitions',
    description: "One page of a source's partition grid, with the bar over all of them.",
  }) satisfies z.ZodType<SourcePartitions, unknown>;

export const partitionDetailSchema = z
  .strictObject({
    partitionKey: z.string(),
    source: z.string(),
    sla: z.string(),
    state: partitionState,
    checkpoint: z
      .strictObject({
        partitionKey: z.string(),
        source: z.string(),
        cohort: z.string(),
        status: z.enum(['running', 'failed', 'complete']),
        cursor: anyJson('where the next slice starts; null before the first'),
        attempt: z.number(),
        counts,
        runId: z.string().nullable(),
        startedAt: time(),
        updatedAt: time(),
        completedAt: nullableTime(),
        lastCompleteAt: nullableTime(),
        durationMs: z.number(),
        error: storedError,
      })
      .nullable(),
    lease: z
      .strictObject({ partitionKey: z.string(), holder: z.string(), expiresAt: time(), token: z.number() })
      .nullable(),
    ledger: z
      .strictObject({
        partitionKey: z.string(),
        records: z.number(),
        success: z.number(),
        unchanged: z.number(),
        failed: z.number(),
        notFound: z.number(),
        stale: z.number(),
        oldestSuccessAt: nullableTime(),
        lastAttemptAt: nullableTime(),
      })
      .nullable(),
  })
  .meta({
    id: 'PartitionDetail',
    description: 'What `freshet checkpoint show --json` shows, and the lease.',
  });

export const runsSchema = z.array(runRowSchema).meta({ id: 'Runs' });

const totalsSchema = z
  .strictObject({
    complete: z.number(),
    failed: z.number(),
    skipped: z
      .number()
      .describe(
        'left alone: fresh or leased when planned (the plan’s skipped), or complete when their turn came',
      ),
    deferred: z.number(),
    interrupted: z.number(),
    locked: z.number(),
    written: z.number(),
    unchanged: z.number(),
    notFound: z.number(),
    apiCalls: z.number(),
    retries: z.number(),
  })
  .meta({ id: 'RunTotals' });

const statusAndReason = z.strictObject({ status: z.string(), reason: z.string() });

export const runViewSchema = z
  .strictObject({
    run: runRowSchema,
    plan: planSchema.nullable(),
    partitions: z.array(
      z.strictObject({
        runId: z.string(),
        partitionKey: z.string(),
        status: z.enum(['complete', 'failed', 'skipped', 'locked', 'interrupted', 'deferred']),
        counts,
        retries: z.number(),
        durationMs: z.number(),
        error: storedError,
        slaGapClosed: anyJson('the SLA gap this partition closed in this run, if any'),
      }),
    ),
    totals: totalsSchema.nullable(),
    slaGapsClosed: z.array(
      z.strictObject({
        partitionKey: z.string(),
        reason: z.enum(['expired', 'never_completed', 'never_run']),
        breachedSince: nullableTime(),
        lastCompleteAtBefore: nullableTime(),
        staleRecordsBefore: z.number(),
        staleRecordsAfter: z.number(),
        closedAt: time(),
      }),
    ),
    pauseOverride: statusAndReason
      .nullable()
      .describe('set when a manual run went ahead while the sensor was paused'),
    sensorAtStart: statusAndReason.nullable(),
    refusal: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    progress: z.strictObject({
      planned: z.number(),
      finished: z.number(),
      inFlight: z.array(
        z.strictObject({
          partitionKey: z.string(),
          slices: z.number(),
          written: z.number(),
          apiCalls: z.number(),
          cursor: anyJson('the cursor of the last committed slice'),
        }),
      ),
    }),
  })
  .meta({
    id: 'RunView',
    description: 'One run: `freshet runs show --json`, with the progress of a running one.',
  });

export const launchPreviewSchema = z.strictObject({ plan: planSchema, sensor: sensorSchema }).meta({
  id: 'LaunchPreview',
  description: 'What POST /api/runs with the same fields would run, and the sensor.',
});

export const runStartedSchema = z
  .strictObject({
    runId: z.string(),
    url: z.string().describe('the run’s page; its JSON is at /api/runs/{runId}'),
  })
  .meta({ id: 'RunStarted' });

const assetEventSchema = z
  .strictObject({
    id: z.number(),
    asset: z.string(),
    status: z.enum(['success', 'failure']),
    message: z.string().nullable(),
    at: time(),
  })
  .meta({ id: 'AssetEvent' });

export const assetsSchema = z
  .strictObject({
    upstreamAssets: z.array(z.string()),
    sensor: sensorSchema,
    latest: z.array(assetEventSchema).describe('the latest event of each asset, watched or not'),
    events: z.array(assetEventSchema),
    transitions: z.array(
      z.strictObject({
        name: z.string(),
        from: z.string().nullable(),
        to: z.string(),
        reason: z.string().nullable(),
        at: time(),
      }),
    ),
  })
  .meta({ id: 'Assets', description: 'The upstream assets, their events and the sensor’s transitions.' });

export const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: 'OpenApiDocument', description: 'This document (OpenAPI 3.1).' });
