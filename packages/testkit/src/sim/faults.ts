import { Rng } from './random.js';
import { FAULT_KINDS, type FaultConfig, type FaultKind } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_SLOW_MS = 2_000;

/** Faults that answer without asking the route (the route's answer is never computed). */
export const REPLACING_FAULTS: ReadonlySet<FaultKind> = new Set([
  'http500',
  'http502',
  'http503',
  'html500',
  'timeout',
  'reset',
  'emptyBody',
]);

/** Checks a fault configuration and fills in the defaults. */
export function normalizeFaults(config: FaultConfig): Required<FaultConfig> {
  const rate = config.rate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be within 0..1, got ${rate}`);
  const kinds = config.kinds ?? FAULT_KINDS;
  for (const kind of kinds) {
    if (!FAULT_KINDS.includes(kind)) throw new RangeError(`unknown fault kind: ${String(kind)}`);
  }
  if (rate > 0 && kinds.length === 0) throw new RangeError('fault rate > 0 needs at least one kind');
  return {
    rate,
    kinds: [...kinds],
    seed: config.seed ?? 1,
    schemaChange: config.schemaChange ?? false,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    slowMs: config.slowMs ?? DEFAULT_SLOW_MS,
  };
}

/**
 * Decides each request's fault: first the forced queue, then a seeded draw. One draw per request
 * that passes the limiter, so a given request sequence always meets the same faults.
 */
export class FaultPlanner {
  #config: Required<FaultConfig> | undefined;
  #rng: Rng = new Rng(1);
  readonly #queue: FaultKind[] = [];

  constructor(config?: FaultConfig | null) {
    this.set(config ?? null);
  }

  set(config: FaultConfig | null): void {
    this.#config = config ? normalizeFaults(config) : undefined;
    this.#rng = new Rng(this.#config?.seed ?? 1);
  }

  get config(): Required<FaultConfig> | undefined {
    return this.#config;
  }

  get schemaChange(): boolean {
    return this.#config?.schemaChange ?? false;
  }

  get timeoutMs(): number {
    return this.#config?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get slowMs(): number {
    return this.#config?.slowMs ?? DEFAULT_SLOW_MS;
  }

  injectNext(kind: FaultKind, count = 1): void {
    if (!FAULT_KINDS.includes(kind)) throw new RangeError(`unknown fault kind: ${String(kind)}`);
    for (let i = 0; i < count; i++) this.#queue.push(kind);
  }

  get queued(): number {
    return this.#queue.length;
  }

  next(): FaultKind | undefined {
    const forced = this.#queue.shift();
    if (forced) return forced;
    const config = this.#config;
    if (!config || config.rate === 0) return undefined;
    if (this.#rng.next() >= config.rate) return undefined;
    return this.#rng.pick(config.kinds);
  }
}
