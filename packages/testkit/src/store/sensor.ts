import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { minutes } from './fixtures.js';

/** Upstream asset events, and the sensor's state (compare-and-set) and transitions. */
export const sensorChecks = defineChecks({
  assetEvents: {
    title: 'appends asset events with growing ids and lists them newest first',
    async run({ store }) {
      const a = await store.appendAssetEvent({
        asset: 'bulk_awards',
        status: 'success',
        message: null,
        at: minutes(1),
      });
      const b = await store.appendAssetEvent({
        asset: 'bulk_awards',
        status: 'failure',
        message: 'oom',
        at: minutes(2),
      });
      const c = await store.appendAssetEvent({
        asset: 'bulk_entities',
        status: 'success',
        message: null,
        at: minutes(3),
      });
      expect(b.id).toBeGreaterThan(a.id);
      expect(c.id).toBeGreaterThan(b.id);
      expect(b).toEqual({
        id: b.id,
        asset: 'bulk_awards',
        status: 'failure',
        message: 'oom',
        at: minutes(2),
      });
      expect((await store.listAssetEvents()).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
      expect((await store.listAssetEvents({ asset: 'bulk_awards' })).map((e) => e.id)).toEqual([b.id, a.id]);
      expect((await store.listAssetEvents({ since: minutes(2) })).map((e) => e.id)).toEqual([c.id, b.id]);
      expect((await store.listAssetEvents({ limit: 1 })).map((e) => e.id)).toEqual([c.id]);
      expect(await store.latestAssetEvents()).toEqual([b, c]);
    },
  },
  sensorState: {
    title: 'saves sensor state with compare-and-set on the version',
    async run({ store }) {
      expect(await store.getSensorState('upstream')).toBeNull();
      expect(await store.saveSensorState('upstream', { state: 'waiting' }, 0, minutes(1))).toBe(true);
      expect(await store.saveSensorState('upstream', { state: 'other' }, 0, minutes(1))).toBe(false);
      expect(await store.getSensorState('upstream')).toEqual({
        name: 'upstream',
        state: { state: 'waiting' },
        version: 1,
        updatedAt: minutes(1),
      });
      expect(await store.saveSensorState('upstream', { state: 'active' }, 1, minutes(2))).toBe(true);
      expect(await store.saveSensorState('upstream', { state: 'paused' }, 1, minutes(3))).toBe(false);
      expect(await store.saveSensorState('missing', { state: 'paused' }, 4, minutes(3))).toBe(false);
      expect(await store.getSensorState('upstream')).toMatchObject({
        state: { state: 'active' },
        version: 2,
      });
    },
  },
  sensorTransitions: {
    title: 'appends sensor transitions and lists them newest first',
    async run({ store }) {
      await store.appendSensorTransition({
        name: 's',
        from: null,
        to: 'waiting',
        reason: null,
        at: minutes(1),
      });
      await store.appendSensorTransition({
        name: 's',
        from: 'waiting',
        to: 'active',
        reason: 'all ok',
        at: minutes(2),
      });
      await store.appendSensorTransition({
        name: 's',
        from: 'active',
        to: 'paused',
        reason: 'x failed',
        at: minutes(3),
      });
      await store.appendSensorTransition({
        name: 'other',
        from: null,
        to: 'waiting',
        reason: null,
        at: minutes(4),
      });
      const all = await store.listSensorTransitions('s');
      expect(all.map((t) => t.to)).toEqual(['paused', 'active', 'waiting']);
      expect(all[1]).toEqual({
        name: 's',
        from: 'waiting',
        to: 'active',
        reason: 'all ok',
        at: minutes(2),
      });
      expect((await store.listSensorTransitions('s', 1)).map((t) => t.to)).toEqual(['paused']);
    },
  },
});
