import { expect } from 'vitest';
import { defineChecks } from './check.js';

/** Daily quota counts: never past the budget, even under concurrent calls. */
export const quotaChecks = defineChecks({
  withinBudget: {
    title: 'counts within the budget and refuses what would exceed it',
    async run({ store }) {
      expect(await store.consumeQuota('nih', '2025-03-01', 3, 5)).toEqual({ granted: true, used: 3 });
      expect(await store.consumeQuota('nih', '2025-03-01', 3, 5)).toEqual({ granted: false, used: 3 });
      expect(await store.consumeQuota('nih', '2025-03-01', 2, 5)).toEqual({ granted: true, used: 5 });
      expect(await store.consumeQuota('nih', '2025-03-01', 1, 5)).toEqual({ granted: false, used: 5 });
      expect(await store.consumeQuota('nih', '2025-03-02', 6, 5)).toEqual({ granted: false, used: 0 });
      expect(await store.quotaUsed('nih', '2025-03-01')).toBe(5);
      expect(await store.quotaUsed('nih', '2025-03-02')).toBe(0);
      expect(await store.quotaUsed('sam_gov', '2025-03-01')).toBe(0);
    },
  },
  noBudget: {
    title: 'counts without limit when the budget is null',
    async run({ store }) {
      await store.consumeQuota('nih', '2025-03-01', 1000, null);
      expect(await store.consumeQuota('nih', '2025-03-01', 1000, null)).toEqual({
        granted: true,
        used: 2000,
      });
    },
  },
  concurrentConsume: {
    title: 'never exceeds the budget under 50 concurrent calls',
    async run({ store }) {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.consumeQuota('nih', '2025-03-01', 1, 20)),
      );
      expect(results.filter((r) => r.granted).length).toBe(20);
      expect(Math.max(...results.map((r) => r.used))).toBe(20);
      expect(await store.quotaUsed('nih', '2025-03-01')).toBe(20);
    },
  },
});
