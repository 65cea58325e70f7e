import type { Store } from '@freshet/core';
import type { RunnerTask } from 'vitest';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { memoryStore } from '../conformance/engine.js';
import { describeStoreContract, STORE_CHECKS, type StoreCheck } from './index.js';

// The suite checks itself: a run where every check is skipped, and one where one check runs.
const reasons = Object.fromEntries(STORE_CHECKS.map((check) => [check, `no ${check} here`]));
const opened: Store[] = [];
const disposed: Store[] = [];

describeStoreContract({
  name: 'all skipped',
  open: () => Promise.reject(new Error('a skipped check opened a store')),
  skip: reasons,
});

describeStoreContract({
  name: 'one check',
  async open() {
    const store = await memoryStore();
    opened.push(store);
    return store;
  },
  async close(store) {
    disposed.push(store);
    await store.close();
  },
  skip: { ...reasons, 'meta.metaValues': undefined },
});

function testsOf(suite: RunnerTask): RunnerTask[] {
  return suite.type === 'suite' ? suite.tasks.flatMap(testsOf) : [suite];
}

describe('describeStoreContract', () => {
  it('names every check `concern.check`, once', () => {
    expect(new Set(STORE_CHECKS).size).toBe(STORE_CHECKS.length);
    for (const check of STORE_CHECKS) expect(check).toMatch(/^[a-zA-Z]+\.[a-zA-Z]+$/);
    expect(STORE_CHECKS).toContain('leases.expiredTakeover');
    // A misspelt name in `skip` is a type error, not a check that quietly runs.
    expectTypeOf<'leases.expiredTakeover'>().toExtend<StoreCheck>();
    expectTypeOf<'leases.expiredTakover'>().not.toExtend<StoreCheck>();
  });

  it('registers a skipped check as skipped, its name ending with the check and the reason', ({ task }) => {
    const suite = task.file.tasks.find((t) => t.name === 'Store contract: all skipped')!;
    const tests = testsOf(suite);
    expect(tests.map((t) => t.name.match(/\[(.+)\] \(skipped: no (.+) here\)$/)?.slice(1))).toEqual(
      STORE_CHECKS.map((check) => [check, check]),
    );
    expect(tests.every((t) => t.mode === 'skip')).toBe(true);
  });

  it('runs the checks not skipped on a store of their own, disposed of by `close`', ({ task }) => {
    const suite = task.file.tasks.find((t) => t.name === 'Store contract: one check')!;
    const ran = testsOf(suite).filter((t) => t.mode === 'run');
    expect(ran.map((t) => [t.name, t.result?.state])).toEqual([
      ['stores JSON meta values; null deletes [meta.metaValues]', 'pass'],
    ]);
    expect(opened).toHaveLength(1);
    expect(disposed).toEqual(opened);
  });
});
