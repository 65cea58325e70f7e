/**
 * One `schedule` call: waiting for its turn, started (its request may be out), or done. It leaves
 * `waiting` once: by starting, or by being given up (the caller's signal, stop(), Redis lost).
 * A job given up while Bottleneck still holds it costs that Bottleneck job nothing but its turn:
 * when its turn comes it finds the job done and returns at once.
 */
export class PendingJob<T> {
  state: 'waiting' | 'started' | 'done' = 'waiting';
  readonly promise: Promise<T>;
  /** Fires when the job is given up, to cut short whatever it is waiting on. */
  readonly giveUp = new AbortController();
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Gives up a waiting job with `error`; false when it already started or ended. */
  fail(error: unknown): boolean {
    if (this.state !== 'waiting') return false;
    this.state = 'done';
    this.#reject(error);
    this.giveUp.abort(error);
    return true;
  }

  /** Marks the job started; false when it was given up in the meantime. */
  start(): boolean {
    if (this.state !== 'waiting') return false;
    this.state = 'started';
    return true;
  }

  /** The task's own outcome, passed through unchanged. */
  settle(outcome: { ok: true; value: T } | { ok: false; error: unknown }): void {
    this.state = 'done';
    if (outcome.ok) this.#resolve(outcome.value);
    else this.#reject(outcome.error);
  }
}
