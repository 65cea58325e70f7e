import { z } from 'zod';
import { intParam } from './query.js';

// `GET /api/runs/:id/changes`: its query and answer, documented in openapi.ts like the others.

export const RUN_CHANGES_MAX_LIMIT = 5000;

export const runChangesQuerySchema = z.object({
  after: z
    .string()
    .optional()
    .transform((value) => intParam(value, 0, 0, Number.MAX_SAFE_INTEGER))
    .meta({
      type: 'integer',
      minimum: 0,
      default: 0,
      description: 'resume after this change: the `nextAfter` of the page before',
    }),
  limit: z
    .string()
    .optional()
    .transform((value) => intParam(value, 500, 1, RUN_CHANGES_MAX_LIMIT))
    .meta({
      type: 'integer',
      minimum: 1,
      maximum: RUN_CHANGES_MAX_LIMIT,
      default: 500,
      description: `changes per page (clamped to 1..${RUN_CHANGES_MAX_LIMIT})`,
    }),
  source: z.string().optional().describe('only records of this source, e.g. nih'),
  partition: z.string().optional().describe('only records of this partition, e.g. nih:project_week_2025-W12'),
});

const changedFieldsSchema = z
  .object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    modified: z.array(z.string()),
  })
  .meta({
    id: 'ChangedFields',
    description: 'Top-level payload fields a change added, removed or modified.',
  });

export const changeLineSchema = z
  .strictObject({
    kind: z.enum(['created', 'changed', 'gone']),
    source: z.string(),
    partition: z.string(),
    key: z.string(),
    revision: z
      .number()
      .int()
      .describe('the record’s revision after the change (gone: the one it was left at)'),
    changedFields: changedFieldsSchema.nullable().describe('only for changed'),
    at: z.string().meta({ format: 'date-time' }),
    runId: z.string().nullable(),
  })
  .meta({ id: 'Change', description: 'One change: a line of `freshet changes`.' });

export const runChangesSchema = z
  .strictObject({
    runId: z.string(),
    changes: z.array(changeLineSchema),
    nextAfter: z
      .number()
      .int()
      .nullable()
      .describe('pass as `after` for the next page; null on the last page'),
    next: z.string().nullable().describe('the next page’s URL; null on the last page'),
  })
  .meta({
    id: 'RunChanges',
    description:
      'One page of a run’s changes, in commit order: records created, changed (with the fields) and found gone. Unchanged records are counted in the run’s partition results, not listed.',
  });
