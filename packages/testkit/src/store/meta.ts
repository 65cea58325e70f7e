import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { minutes } from './fixtures.js';

/** State artifact bookkeeping and JSON meta values. */
export const metaChecks = defineChecks({
  artifacts: {
    title: 'keeps artifact history and returns the latest by written time',
    async run({ store }) {
      expect(await store.latestArtifact()).toBeNull();
      const first = {
        runId: 'r1',
        writtenAt: minutes(5),
        watermark: { seq: 3, at: minutes(4), entries: 10 },
        sha256: 'a'.repeat(64),
      };
      const older = {
        runId: 'r0',
        writtenAt: minutes(1),
        watermark: { seq: 0, at: null, entries: 0 },
        sha256: 'b'.repeat(64),
      };
      await store.recordArtifact(first);
      await store.recordArtifact(older);
      expect(await store.latestArtifact()).toEqual(first);
      const second = { ...first, runId: 'r2', writtenAt: minutes(6) };
      await store.recordArtifact(second);
      expect(await store.latestArtifact()).toEqual(second);
    },
  },
  metaValues: {
    title: 'stores JSON meta values; null deletes',
    async run({ store }) {
      expect(await store.getMeta('k')).toBeNull();
      await store.setMeta('k', { a: [1, 'two', null, true] });
      expect(await store.getMeta('k')).toEqual({ a: [1, 'two', null, true] });
      await store.setMeta('k', 'replaced');
      expect(await store.getMeta('k')).toBe('replaced');
      await store.setMeta('k', null);
      expect(await store.getMeta('k')).toBeNull();
    },
  },
});
