/**
 * At most `capacity` holders at once, granted in the order asked. A free slot is taken
 * without waiting for a timer or another turn of the event loop: with a source far under its
 * concurrency, asking costs next to nothing.
 */
export interface Slots {
  /** Resolves once the caller holds a slot; rejects with the signal's reason if it fires first. */
  acquire(signal: AbortSignal): Promise<void>;
  /** Gives a held slot back, to the longest waiter if there is one. */
  release(): void;
}

interface Waiter {
  grant(): void;
}

export function createSlots(capacity: number): Slots {
  let held = 0;
  // A Set keeps insertion order (first come, first served) and drops an aborted waiter in O(1).
  const waiting = new Set<Waiter>();

  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      if (held < capacity && waiting.size === 0) {
        held++;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiting.delete(waiter);
          reject(signal.reason);
        };
        const waiter: Waiter = {
          grant() {
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.add(waiter);
      });
    },

    release() {
      const next = waiting.values().next();
      if (next.done) {
        held--;
        return;
      }
      // The slot passes straight to the next waiter: `held` stays the same.
      waiting.delete(next.value);
      next.value.grant();
    },
  };
}
