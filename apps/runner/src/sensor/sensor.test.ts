import { ErrorCodes, isFreshetError } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportAssetEvent } from '../assets/report.js';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { refreshSensor, SENSOR_NAME, tickSensor } from './sensor.js';
import type { SensorRunRequest } from './types.js';

let project: TempProject;
let clock: ManualClock;
const upstreamAssets = ['bulk_enrichment', 'bulk_patents'];

beforeEach(async () => {
  project = await tempProject();
  clock = manualClock();
});
afterEach(async () => {
  await project.dispose();
});

const report = (asset: string, status: 'success' | 'failure', message?: string) => {
  clock.advance(1000);
  return reportAssetEvent(project.store, { asset, status, message: message ?? null }, clock);
};

describe('refreshSensor', () => {
  it('stores each transition and the state with compare-and-set', async () => {
    const sensor = { store: project.store, upstreamAssets, clock };
    expect((await refreshSensor(sensor)).state.status).toBe('waiting');
    await report('bulk_enrichment', 'success');
    await report('bulk_patents', 'success');
    expect((await refreshSensor(sensor)).state.status).toBe('active');
    await report('bulk_patents', 'failure', 'upstream 503');
    const paused = await refreshSensor(sensor);
    expect(paused.state).toMatchObject({ status: 'paused', reason: expect.stringContaining('upstream 503') });
    await report('bulk_patents', 'success');
    expect((await refreshSensor(sensor)).state.status).toBe('active');

    const transitions = await project.store.listSensorTransitions(SENSOR_NAME);
    expect(transitions.map((t) => `${t.from}->${t.to}`).reverse()).toEqual([
      'null->waiting',
      'waiting->active',
      'active->paused',
      'paused->active',
    ]);
    const row = await project.store.getSensorState(SENSOR_NAME);
    expect(row?.version).toBe(4);
  });

  it('refuses to watch an asset name that no report could ever match, naming the rule', async () => {
    const err = await refreshSensor({
      store: project.store,
      upstreamAssets: ['bulk enrichment'],
      clock,
    }).catch((e) => e);
    expect(isFreshetError(err, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(err.message).toContain('sensor.upstreamAssets: asset name "bulk enrichment" is not valid');
    expect(err.message).toContain('like bulk_enrichment');
    expect(await project.store.getSensorState(SENSOR_NAME)).toBeNull();
  });

  it('does not write when nothing changed', async () => {
    const sensor = { store: project.store, upstreamAssets, clock };
    await refreshSensor(sensor);
    await refreshSensor(sensor);
    expect((await project.store.getSensorState(SENSOR_NAME))?.version).toBe(1);
  });

  it('re-reads and tries again when another writer saved first', async () => {
    const sensor = { store: project.store, upstreamAssets, clock };
    await refreshSensor(sensor);
    await report('bulk_enrichment', 'success');
    // Another process saves between our read and our write, so our version is stale.
    const original = project.store.getSensorState.bind(project.store);
    let raced = false;
    project.store.getSensorState = async (name) => {
      const row = await original(name);
      if (!raced && row) {
        raced = true;
        await project.store.saveSensorState(name, row.state, row.version, clock.now());
      }
      return row;
    };
    await refreshSensor(sensor);
    expect(raced).toBe(true);
    expect((await project.store.getSensorState(SENSOR_NAME))?.version).toBe(3);
  });
});

describe('tickSensor', () => {
  it('requests one run per new upstream success, never twice for the same one', async () => {
    const requests: SensorRunRequest[] = [];
    const tick = () =>
      tickSensor({
        store: project.store,
        upstreamAssets,
        clock,
        requestRun: async (request) => {
          requests.push(request);
        },
      });

    expect((await tick()).requested).toBeNull();
    await report('bulk_enrichment', 'success');
    expect((await tick()).requested).toBeNull();
    const last = await report('bulk_patents', 'success');
    const first = await tick();
    expect(first.requested).toEqual({ runKey: `sensor:${last.id}`, eventId: last.id });
    expect((await tick()).requested).toBeNull();
    expect(requests).toHaveLength(1);

    const failed = await report('bulk_patents', 'failure', 'oops');
    expect((await tick()).state.status).toBe('paused');
    expect(failed.id).toBeGreaterThan(last.id);
    const again = await report('bulk_patents', 'success');
    expect((await tick()).requested?.runKey).toBe(`sensor:${again.id}`);
    expect(requests.map((r) => r.runKey)).toEqual([`sensor:${last.id}`, `sensor:${again.id}`]);
  });

  it('repeats the request after a crash before the state was saved, with the same run key', async () => {
    await report('bulk_enrichment', 'success');
    await report('bulk_patents', 'success');
    const keys: string[] = [];
    await expect(
      tickSensor({
        store: project.store,
        upstreamAssets,
        clock,
        requestRun: async (request) => {
          keys.push(request.runKey);
          throw new Error('crashed after starting the run');
        },
      }),
    ).rejects.toThrow('crashed');
    await tickSensor({
      store: project.store,
      upstreamAssets,
      clock,
      requestRun: async (request) => {
        keys.push(request.runKey);
      },
    });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});
