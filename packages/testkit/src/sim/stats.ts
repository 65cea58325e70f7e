import {
  FAULT_KINDS,
  type FaultKind,
  type RequestLogEntry,
  type SimulatorStats,
  type ViolationReason,
} from './types.js';

export const DEFAULT_LOG_LIMIT = 10_000;

function zeroFaults(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
}

/** Counts what a simulator saw; `snapshot()` hands out copies so callers cannot disturb it. */
export class StatsCollector {
  #s!: SimulatorStats;

  constructor(
    readonly name: string,
    readonly logLimit = DEFAULT_LOG_LIMIT,
  ) {
    this.reset();
  }

  reset(): void {
    // In-flight requests outlive a reset; keep counting them so the number stays true.
    const inFlight = this.#s?.inFlight ?? 0;
    this.#s = {
      name: this.name,
      requests: 0,
      byPath: {},
      byRoute: {},
      status: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 },
      throttled: 0,
      violations: 0,
      violationsByReason: { window: 0, burst: 0, concurrency: 0 },
      inFlight,
      maxInFlight: inFlight,
      faultsInjected: zeroFaults(),
      schemaChanged: 0,
      handlerErrors: 0,
      log: [],
      logDropped: 0,
    };
  }

  started(path: string): void {
    const s = this.#s;
    s.requests++;
    s.byPath[path] = (s.byPath[path] ?? 0) + 1;
    s.inFlight++;
    if (s.inFlight > s.maxInFlight) s.maxInFlight = s.inFlight;
  }

  routed(label: string): void {
    this.#s.byRoute[label] = (this.#s.byRoute[label] ?? 0) + 1;
  }

  violation(reason: ViolationReason): void {
    this.#s.violations++;
    this.#s.violationsByReason[reason]++;
  }

  fault(kind: FaultKind): void {
    this.#s.faultsInjected[kind]++;
  }

  schemaChanged(): void {
    this.#s.schemaChanged++;
  }

  handlerError(): void {
    this.#s.handlerErrors++;
  }

  finished(entry: RequestLogEntry): void {
    const s = this.#s;
    s.inFlight = Math.max(0, s.inFlight - 1);
    const status = entry.status;
    if (status === null) s.status.none++;
    else if (status >= 500) s.status['5xx']++;
    else if (status >= 400) s.status['4xx']++;
    else if (status >= 300) s.status['3xx']++;
    else s.status['2xx']++;
    if (status === 429) s.throttled++;
    s.log.push(entry);
    // Trim in batches: shifting one entry per request would copy the whole log each time.
    if (s.log.length > this.logLimit + Math.max(1, this.logLimit >> 3)) {
      const drop = s.log.length - this.logLimit;
      s.log.splice(0, drop);
      s.logDropped += drop;
    }
  }

  snapshot(): SimulatorStats {
    const s = structuredClone(this.#s);
    if (s.log.length > this.logLimit) {
      const drop = s.log.length - this.logLimit;
      s.log.splice(0, drop);
      s.logDropped += drop;
    }
    return s;
  }
}
