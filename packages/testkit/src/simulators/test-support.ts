// Helpers for the simulators' own tests. Not exported from the package.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Simulator } from '../sim/types.js';

/** The text of `test/fixtures/<api>/<name>`: an answer recorded from the real API. */
export function fixtureText(api: string, name: string): string {
  return readFileSync(new URL(`../../test/fixtures/${api}/${name}`, import.meta.url), 'utf8');
}

/** `test/fixtures/<api>/<name>`, parsed. */
export function fixtureJson<T = Record<string, unknown>>(api: string, name: string): T {
  return JSON.parse(fixtureText(api, name)) as T;
}

/**
 * One simulator for the tests of the enclosing `describe`, started before them and closed after
 * them; what it returns stands for it (use it in the tests, not before they run). With `reset`,
 * its faults and rate limit are off at the start of every test, whatever the one before set.
 */
export function sharedSimulator<S extends Simulator>(
  start: () => Promise<S>,
  options: { reset?: boolean } = {},
): S {
  let sim: S | undefined;
  beforeAll(async () => {
    sim = await start();
  });
  afterAll(() => sim?.close());
  if (options.reset) {
    beforeEach(() => {
      sim?.setFaults(null);
      sim?.setRateLimit(null);
    });
  }
  const started = (): S => {
    if (!sim) throw new Error('the shared simulator is used before its tests run');
    return sim;
  };
  return new Proxy({} as S, {
    get(_, property) {
      const target = started();
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Datasets built from the same seed hold the same records; from another seed, others. */
export function expectSeedDecides<D>(
  build: (seed: number) => D,
  records: (ds: D) => unknown,
  seed: number,
): void {
  const [a, b, c] = [build(seed), build(seed), build(seed + 1)];
  expect(JSON.stringify(records(a))).toBe(JSON.stringify(records(b)));
  expect(JSON.stringify(records(a))).not.toBe(JSON.stringify(records(c)));
}
