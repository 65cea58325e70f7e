import { ErrorCodes, FreshetError } from '@freshet/core';
import type { z } from 'zod';
import { configuredPartition } from '../views/partition-detail.js';
import { loadRecordsPage, type RecordsPage } from '../views/partition-records.js';
import type { ViewProject } from '../views/project.js';
import { findSource } from '../views/source-partitions.js';
import type { recordsQuerySchema } from './records-schemas.js';

type RecordsQuery = z.output<typeof recordsQuerySchema>;

/**
 * `GET /api/sources/:id/records`: one page of the source's records, or null for a source that is
 * not configured. A partition of another source, or no partition at all, is refused (400).
 */
export async function loadSourceRecords(
  project: ViewProject,
  sourceId: string,
  query: RecordsQuery,
): Promise<RecordsPage | null> {
  if (findSource(project, sourceId) === null) return null;
  if (query.partition !== undefined) {
    const partition = configuredPartition(project.config, query.partition);
    if (partition.source !== sourceId) {
      throw new FreshetError(
        ErrorCodes.PARTITION_KEY_INVALID,
        `partition ${query.partition} belongs to source ${partition.source}, not ${sourceId}`,
        { hint: `ask /api/sources/${partition.source}/records, or name a partition of ${sourceId}` },
      );
    }
  }
  return loadRecordsPage(project, {
    source: sourceId,
    ...(query.partition === undefined ? {} : { partitionKey: query.partition }),
    ...(query.after === undefined ? {} : { after: query.after }),
    limit: query.limit,
  });
}
