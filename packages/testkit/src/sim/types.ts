import type { IncomingHttpHeaders } from 'node:http';

/** The ways a simulator can break a response on purpose. */
export const FAULT_KINDS = [
  'http500',
  'http502',
  'http503',
  'html500',
  'timeout',
  'reset',
  'truncated',
  'malformed',
  'emptyBody',
  'slow',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Random faults. Each request that passes the rate limiter draws from a PRNG seeded with `seed`,
 * so the same request sequence meets the same faults. A fault replaces (or, for `slow`, delays)
 * that one answer only: a retry draws again.
 */
export interface FaultConfig {
  /** Share of requests that get a fault, 0..1. Default 0. */
  rate?: number;
  /** Kinds drawn from, uniformly. Default: all of them. */
  kinds?: readonly FaultKind[];
  /** Default 1. */
  seed?: number;
  /** Each simulator renames or retypes one field in every 2xx body, to test drift detection. */
  schemaChange?: boolean;
  /** How long `timeout` holds a request before answering 504. Default 30,000 ms. */
  timeoutMs?: number;
  /** How long `slow` delays the real answer. Default 2,000 ms. */
  slowMs?: number;
}

/**
 * The API's limit, per client key (API key or IP). Requests refused by the limiter are answered
 * 429 with `Retry-After` and counted as violations; they do not use up the window.
 */
export interface RateLimitConfig {
  /** Requests allowed per `intervalMs`. */
  requests: number;
  intervalMs: number;
  /**
   * `sliding` (default): any `intervalMs` span holds at most `requests`.
   * `fixed`: windows aligned to multiples of `intervalMs` since the epoch (86,400,000 = UTC days,
   * as a daily quota that resets at midnight UTC).
   */
  window?: 'sliding' | 'fixed';
  /** At most this many requests in any 1-second span (a gateway's spike limit). */
  burst?: number;
  /** At most this many requests of one key in flight at once. */
  maxConcurrent?: number;
  /** Overrides the computed Retry-After (seconds until the window has room, rounded up). */
  retryAfterSeconds?: number | ((info: { now: number; key: string; computed: number }) => number);
}

/** What the limiter says after a request is accepted, for `x-rate-limit-*` style headers. */
export interface RateLimitState {
  key: string;
  limit: number;
  remaining: number;
  intervalMs: number;
  /** Epoch ms when the oldest counted request leaves the window. */
  resetAt: number;
}

export type ViolationReason = 'window' | 'burst' | 'concurrency';

/** Why and for how long a request was refused, passed to the simulator's 429 body builder. */
export interface ThrottleInfo {
  key: string;
  reason: ViolationReason;
  retryAfterSeconds: number;
  config: RateLimitConfig;
}

/** A request as a route handler sees it. */
export interface SimRequest {
  method: string;
  /** Path without the query string, as sent. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when the body was empty. */
  body: unknown;
  rawBody: string;
  /** `:name` segments of the matched route. */
  params: Record<string, string>;
  /** The rate-limit key: API key or client IP. */
  clientKey: string;
  ip: string;
  /** Epoch ms (from the server's clock) when the request arrived. */
  receivedAt: number;
}

/** A handler's answer. `json` is serialised by the server so faults and drift can act on it. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export type RouteHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: string | readonly string[];
  /** Exact path; `:name` segments match one segment each (`/api/v2/awards/:id/`). */
  path: string;
  handler: RouteHandler;
}

/** The answers an API gives outside its routes' logic; each simulator overrides what its API does differently. */
export interface SimulatorResponses {
  notFound(req: SimRequest): SimResponse;
  methodNotAllowed(req: SimRequest, allowed: readonly string[]): SimResponse;
  payloadTooLarge(req: SimRequest): SimResponse;
  /** A non-empty body that is not JSON. Only asked for routes, never for unknown paths. */
  invalidJson(req: SimRequest, error: Error): SimResponse;
  /** The limiter's 429; the server adds `Retry-After` if the response lacks it. */
  throttled(info: ThrottleInfo, req: SimRequest): SimResponse;
  handlerError(req: SimRequest, error: unknown): SimResponse;
  http500(req: SimRequest): SimResponse;
  http502(req: SimRequest): SimResponse;
  http503(req: SimRequest): SimResponse;
  html500(req: SimRequest): SimResponse;
  /** What a `timeout` fault finally answers if the client is still waiting. */
  gatewayTimeout(req: SimRequest): SimResponse;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Arrival, epoch ms. */
  at: number;
  /** null when no response was sent (reset, client gave up). */
  status: number | null;
  durationMs: number;
  clientKey: string;
  fault?: FaultKind;
  throttled?: boolean;
}

export interface StatusCounts {
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  /** Requests that ended without a response (reset, client aborted). */
  none: number;
}

export interface SimulatorStats {
  name: string;
  /** Every request received, throttled and faulted ones included. */
  requests: number;
  /** Per path as sent (no query string). */
  byPath: Record<string, number>;
  /** Per matched route, as `METHOD /pattern`; unmatched requests under `unmatched`. */
  byRoute: Record<string, number>;
  status: StatusCounts;
  /** 429 answers, from the limiter or from a route. */
  throttled: number;
  /** Requests the limiter refused: a client that keeps to the limit has none. */
  violations: number;
  violationsByReason: Record<ViolationReason, number>;
  inFlight: number;
  maxInFlight: number;
  faultsInjected: Record<FaultKind, number>;
  /** 2xx bodies rewritten by `schemaChange`. */
  schemaChanged: number;
  /** Handlers that threw (answered 500): a simulator bug, tests should expect 0. */
  handlerErrors: number;
  /** The most recent requests, oldest first, in completion order. */
  log: RequestLogEntry[];
  /** Entries dropped from the head of the log to respect its cap. */
  logDropped: number;
}

export interface MutateOptions {
  /** Share of the records to change, 0..1; exactly `Math.round(fraction * size)` change. */
  fraction: number;
  seed: number;
}

export interface MutationReport<K = string | number> {
  /** Keys of the changed records, ascending. */
  changed: K[];
}

/** What every API simulator offers; each adds its own truth accessors. */
/** What the options of every simulator share: how its server runs. */
export interface SimulatorServingOptions {
  /** Each simulator's default is the real API's limit; null turns limiting off. */
  rateLimit?: RateLimitConfig | null;
  faults?: FaultConfig | null;
  port?: number;
  logLimit?: number;
  clock?: () => number;
}

export interface Simulator<K = string | number> {
  readonly name: string;
  readonly baseUrl: string;
  stats(): SimulatorStats;
  resetStats(): void;
  /** Replaces the fault configuration; null turns faults (and schema drift) off. */
  setFaults(faults: FaultConfig | null): void;
  /** Replaces the rate limit; null turns limiting off. */
  setRateLimit(limit: RateLimitConfig | null): void;
  /** Forces the next `count` requests that pass the limiter to get `kind`, before any random fault. */
  injectNext(kind: FaultKind, count?: number): void;
  /** Changes a deterministic share of the records, as an upstream update would. */
  mutate(options: MutateOptions): MutationReport<K>;
  close(): Promise<void>;
}
