import { ErrorCodes, isFreshetError } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../test-support/clock.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { reportAssetEvent } from './report.js';

let project: TempProject;
beforeEach(async () => {
  project = await tempProject();
});
afterEach(async () => {
  await project.dispose();
});

describe('reportAssetEvent', () => {
  it('appends an asset event with the time and a trimmed message', async () => {
    const clock = manualClock('2025-03-01T00:00:00Z');
    const event = await reportAssetEvent(
      project.store,
      { asset: 'bulk_enrichment', status: 'failure', message: '  out of memory ' },
      clock,
    );
    expect(event).toMatchObject({ asset: 'bulk_enrichment', status: 'failure', message: 'out of memory' });
    expect(event.at.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(await project.store.latestAssetEvents()).toEqual([event]);
  });

  it('stores an empty message as null', async () => {
    const event = await reportAssetEvent(project.store, { asset: 'a', status: 'success', message: ' ' });
    expect(event.message).toBeNull();
  });

  it('refuses a bad asset name or status, naming the fix', async () => {
    const bad = await reportAssetEvent(project.store, { asset: 'has space', status: 'success' }).catch(
      (e) => e,
    );
    expect(isFreshetError(bad, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(bad.message).toContain('bulk_enrichment');
    const status = await reportAssetEvent(project.store, {
      asset: 'a',
      status: 'done' as 'success',
    }).catch((e) => e);
    expect(status.message).toContain('use success or failure');
  });
});
