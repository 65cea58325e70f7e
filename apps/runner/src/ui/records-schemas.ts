import { z } from 'zod';
import { RECORDS_PAGE_DEFAULT, RECORDS_PAGE_MAX } from '../views/partition-records.js';
import { intParam } from './query.js';

// `GET /api/sources/:id/records` and `GET /api/sources/:id/records/:key`: their queries and
// answers, documented in openapi.ts like the others.

const time = () => z.string().meta({ format: 'date-time' });
const anyJson = (description: string) => z.unknown().describe(description);
const ledgerStatus = z.enum(['success', 'unchanged', 'failed', 'not_found']);

export const recordsQuerySchema = z.object({
  partition: z
    .string()
    .optional()
    .describe("only this partition's records, e.g. nih:project_week_2025-W12 (a partition of the source)"),
  after: z.string().optional().describe('resume after this record key: the `nextAfter` of the page before'),
  limit: z
    .string()
    .optional()
    .transform((value) => intParam(value, RECORDS_PAGE_DEFAULT, 1, RECORDS_PAGE_MAX))
    .meta({
      type: 'integer',
      minimum: 1,
      maximum: RECORDS_PAGE_MAX,
      default: RECORDS_PAGE_DEFAULT,
      description: `records per page (clamped to 1..${RECORDS_PAGE_MAX})`,
    }),
});

export const recordsPageSchema = z
  .strictObject({
    source: z.string(),
    partitionKey: z.string().nullable().describe('the partition asked for; null: the whole source'),
    records: z.array(
      z.strictObject({
        key: z.string(),
        partitionKey: z.string(),
        revision: z.number().int().describe('grows by one each time the payload changes'),
        updatedAt: time().describe('when the payload was stored or last changed'),
        status: ledgerStatus.nullable().describe('the freshness ledger’s status of the record'),
        lastAttemptAt: time().nullable(),
      }),
    ),
    nextAfter: z.string().nullable().describe('pass as `after` for the next page; null on the last page'),
  })
  .meta({
    id: 'RecordsPage',
    description: "One page of a source's stored records (optionally of one partition), in key order.",
  });

const fieldDiffSchema = z
  .strictObject({
    field: z.string().describe('a top-level payload field; `$` when the payload is not an object'),
    kind: z.enum(['added', 'removed', 'modified']),
    before: anyJson('the old value (not for added)').optional(),
    after: anyJson('the new value (not for removed)').optional(),
  })
  .meta({ id: 'FieldDiff' });

export const recordDetailSchema = z
  .strictObject({
    source: z.string(),
    key: z.string(),
    record: z
      .strictObject({
        source: z.string(),
        key: z.string(),
        partitionKey: z.string(),
        payload: anyJson('the current payload, as the source returned it'),
        hash: z.string(),
        revision: z.number().int(),
        firstSeenAt: time(),
        updatedAt: time(),
      })
      .nullable()
      .describe(
        'null for a key the ledger tracks but that was never stored (it failed, or the API does not know it)',
      ),
    ledger: z
      .strictObject({
        source: z.string(),
        key: z.string(),
        partitionKey: z.string(),
        status: ledgerStatus,
        hash: z.string().nullable(),
        attempts: z.number().int(),
        lastAttemptAt: time(),
        lastSuccessAt: time().nullable(),
        error: z.string().nullable(),
      })
      .nullable(),
    revisions: z
      .array(
        z.strictObject({
          source: z.string(),
          key: z.string(),
          revision: z.number().int(),
          hash: z.string(),
          payload: anyJson('the payload of this earlier revision'),
          storedAt: time(),
          replacedAt: time(),
          replacedByRun: z.string().nullable(),
        }),
      )
      .describe('the earlier revisions kept (see the history retention), newest first'),
    steps: z
      .array(
        z.strictObject({
          fromRevision: z.number().int(),
          toRevision: z.number().int(),
          at: time().describe('when toRevision replaced fromRevision'),
          runId: z.string().nullable(),
          fields: z.array(fieldDiffSchema),
        }),
      )
      .describe('what each revision changed from the one before it, newest first'),
  })
  .meta({
    id: 'RecordDetail',
    description:
      'One record: its payload, its freshness ledger entry, and the diffs between its kept revisions.',
  });
