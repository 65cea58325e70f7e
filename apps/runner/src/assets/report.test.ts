import { ErrorCodes, isFreshetError, resolveConfig } from '@freshet/core';
import { describe, expect } from 'vitest';
import { manualClock } from '../test-support/clock.js';
import { projectTest, type TempProject } from '../test-support/store.js';
import { reportAssetEvent } from './report.js';

const it = projectTest;

describe('reportAssetEvent', () => {
  it('appends an asset event with the time and a trimmed message', async ({ project }) => {
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

  it('stores an empty message as null', async ({ project }) => {
    const event = await reportAssetEvent(project.store, { asset: 'a', status: 'success', message: ' ' });
    expect(event.message).toBeNull();
  });

  it('refuses a bad asset name or status, naming the fix', async ({ project }) => {
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

describe('asset names: one rule for the configuration and `freshet assets report`', () => {
  // Each name is tried both ways: a name the config takes but a report refuses leaves the
  // sensor waiting for ever; the other way round, a report nothing can ever watch.
  const NAMES = [
    'bulk_enrichment',
    'dagster/bulk:awards-2025.v2',
    '7',
    'X'.repeat(128),
    'X'.repeat(129),
    ' bulk_enrichment',
    'bulk_enrichment ',
    'bulk_enrichment\n',
    '_bulk',
    '-bulk',
    'bulk enrichment',
    'bulk;rm',
    'é',
    '\u001b[31mred',
    '',
  ];

  const configTakes = async (project: TempProject, name: string) =>
    resolveConfig(
      { sensor: { upstreamAssets: [name] } },
      { filepath: `${project.dir}/freshet.config.json`, env: {} },
    )
      .then(() => true)
      .catch((err) => {
        if (!isFreshetError(err, ErrorCodes.CONFIG_INVALID)) throw err;
        return false;
      });
  const reportTakes = async (project: TempProject, name: string) =>
    reportAssetEvent(project.store, { asset: name, status: 'success' })
      .then(() => true)
      .catch((err) => {
        if (!isFreshetError(err, ErrorCodes.CONFIG_INVALID)) throw err;
        return false;
      });

  it.for(NAMES)('the configuration and a report agree on %j', async (name, { project }) => {
    expect(await configTakes(project, name)).toBe(await reportTakes(project, name));
  });

  it('a refusal escapes and cuts the name it echoes', async ({ project }) => {
    const err = await reportAssetEvent(project.store, {
      asset: `\u001b[31m${'x'.repeat(5000)}`,
      status: 'success',
    }).catch((e) => e);
    expect(isFreshetError(err, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(err.message).not.toContain('\u001b');
    expect(err.message.length).toBeLessThan(400);
  });
});
