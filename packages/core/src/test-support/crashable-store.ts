import type { Store } from '../store/types.js';

/**
 * Wraps a store so a test can "kill the process": after `crash()`, every call fails as if
 * nothing were left to run it, so no clean-up (like marking a partition failed) can happen.
 * A transaction in progress when the crash hits rolls back, as it would on a real crash.
 */
export function crashableStore(inner: Store): { store: Store; crash(): void } {
  let dead = false;
  const guard = (target: Store): Store =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (dead) return Promise.reject(new Error('process crashed'));
          if (property === 'transaction') {
            const work = args[0] as (tx: Store) => Promise<unknown>;
            return target.transaction((tx) => work(guard(tx)));
          }
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return {
    store: guard(inner),
    crash() {
      dead = true;
    },
  };
}
