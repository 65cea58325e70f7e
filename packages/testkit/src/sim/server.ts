import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlanner, REPLACING_FAULTS } from './faults.js';
import { RateLimiter } from './rate-limiter.js';
import { defaultResponses, encode } from './responses.js';
import { Router } from './router.js';
import { StatsCollector } from './stats.js';
import type {
  FaultConfig,
  FaultKind,
  RateLimitConfig,
  RateLimitState,
  Route,
  SimRequest,
  SimResponse,
  SimulatorResponses,
  SimulatorStats,
  ThrottleInfo,
} from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface SimulatorServerOptions {
  /** Short name used in stats and messages, e.g. `nih`. */
  name: string;
  routes: readonly Route[];
  rateLimit?: RateLimitConfig | null;
  faults?: FaultConfig | null;
  /** Default 0: any free port. The server always binds 127.0.0.1. */
  port?: number;
  /** Epoch-ms clock for the limiter and the log. */
  clock?: () => number;
  /** Request bodies larger than this get `payloadTooLarge`. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Request log entries kept. Default 10,000. */
  logLimit?: number;
  /** The rate-limit key. Default: `x-api-key` header, then `api_key` query parameter, then the client IP. */
  clientKey?: (req: { headers: IncomingHttpHeaders; query: URLSearchParams; ip: string }) => string;
  /** Runs before the limiter (e.g. a missing API key is 403 and uses no quota); a response ends the request. */
  gate?: (req: SimRequest) => SimResponse | undefined;
  /** Rewrites every 2xx JSON body while `faults.schemaChange` is on: this API's schema drift. */
  schemaChange?: (body: unknown, req: SimRequest) => unknown;
  /** Headers added to every answer the limiter let through (e.g. `x-rate-limit-remaining`). */
  rateLimitHeaders?: (state: RateLimitState) => Record<string, string>;
  /** Headers on every response (e.g. `server: nginx`). */
  defaultHeaders?: Record<string, string>;
  responses?: Partial<SimulatorResponses>;
}

export interface SimulatorServer {
  readonly name: string;
  readonly baseUrl: string;
  readonly port: number;
  stats(): SimulatorStats;
  resetStats(): void;
  setFaults(faults: FaultConfig | null): void;
  setRateLimit(limit: RateLimitConfig | null): void;
  injectNext(kind: FaultKind, count?: number): void;
  /** Ends held requests, drops every connection and stops listening. */
  close(): Promise<void>;
}

interface BodyResult {
  text: string;
  tooLarge: boolean;
  aborted: boolean;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the cap keep draining so the client can read our 413, but hold nothing.
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge, aborted: false }));
    req.on('error', () => resolve({ text: '', tooLarge, aborted: true }));
    req.on('aborted', () => resolve({ text: '', tooLarge, aborted: true }));
  });
}

function defaultClientKey(req: { headers: IncomingHttpHeaders; query: URLSearchParams; ip: string }): string {
  const header = req.headers['x-api-key'];
  const key = (Array.isArray(header) ? header[0] : header) ?? req.query.get('api_key') ?? undefined;
  return key ? `key:${key}` : `ip:${req.ip}`;
}

/** Starts one API simulator on 127.0.0.1: routing, rate limits, faults, stats. */
export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const clock = options.clock ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const router = new Router(options.routes);
  const stats = new StatsCollector(options.name, options.logLimit);
  const planner = new FaultPlanner(options.faults ?? null);
  const responses: SimulatorResponses = { ...defaultResponses, ...options.responses };
  const clientKeyOf = options.clientKey ?? defaultClientKey;
  let limiter = options.rateLimit ? new RateLimiter(options.rateLimit, clock) : undefined;
  let closing = false;
  const holds = new Set<{ timer: NodeJS.Timeout; done: (open: boolean) => void }>();

  /** Waits `ms`; false when the client went away or the server is closing. */
  const hold = (ms: number, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => finish(true), ms),
        done: (open: boolean) => finish(open),
      };
      const onClose = () => finish(false);
      function finish(open: boolean) {
        if (!holds.delete(entry)) return;
        clearTimeout(entry.timer);
        res.off('close', onClose);
        resolve(open && !res.destroyed && !closing);
      }
      holds.add(entry);
      res.on('close', onClose);
    });

  /** Writes the status and headers of `response`, the length of its whole body among them; returns the body. */
  const writeHead = (res: ServerResponse, response: SimResponse, extra?: Record<string, string>): Buffer => {
    const { headers, body } = encode(response);
    res.writeHead(response.status, {
      ...options.defaultHeaders,
      ...extra,
      ...headers,
      'content-length': String(body.length),
    });
    return body;
  };

  const write = (res: ServerResponse, response: SimResponse, extra?: Record<string, string>): void => {
    if (res.destroyed || res.headersSent) return;
    res.end(writeHead(res, response, extra));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = clock();
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    const ip = req.socket.remoteAddress ?? '127.0.0.1';
    const clientKey = clientKeyOf({ headers: req.headers, query: url.searchParams, ip });
    let fault: FaultKind | undefined;
    let throttled = false;
    let release: (() => void) | undefined;
    stats.started(path);
    res.on('close', () => {
      release?.();
      stats.finished({
        method,
        path,
        at: receivedAt,
        status: res.headersSent ? res.statusCode : null,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        clientKey,
        ...(fault ? { fault } : {}),
        ...(throttled ? { throttled } : {}),
      });
    });

    const raw = await readBody(req, maxBodyBytes);
    if (raw.aborted) return;
    const simReq: SimRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body: undefined,
      rawBody: raw.text,
      params: {},
      clientKey,
      ip,
      receivedAt,
    };
    if (raw.tooLarge) return write(res, responses.payloadTooLarge(simReq));

    const gated = options.gate?.(simReq);
    if (gated) return write(res, gated);

    let limitHeaders: Record<string, string> | undefined;
    if (limiter) {
      const decision = limiter.acquire(clientKey);
      if (!decision.ok) {
        throttled = true;
        stats.violation(decision.reason);
        const info: ThrottleInfo = {
          key: clientKey,
          reason: decision.reason,
          retryAfterSeconds: decision.retryAfterSeconds,
          config: limiter.config,
        };
        const answer = responses.throttled(info, simReq);
        const hasRetryAfter = Object.keys(answer.headers ?? {}).some(
          (h) => h.toLowerCase() === 'retry-after',
        );
        return write(
          res,
          answer,
          hasRetryAfter ? undefined : { 'retry-after': String(info.retryAfterSeconds) },
        );
      }
      release = decision.release;
      limitHeaders = options.rateLimitHeaders?.(decision.state);
    }

    fault = planner.next();
    if (fault) stats.fault(fault);
    if (fault && REPLACING_FAULTS.has(fault)) return replaceWithFault(fault, simReq, res, limitHeaders);

    let response: SimResponse;
    const match = router.match(method, path);
    if (match.kind === 'notFound') response = responses.notFound(simReq);
    else if (match.kind === 'wrongMethod') response = responses.methodNotAllowed(simReq, match.allowed);
    else {
      stats.routed(match.label);
      simReq.params = match.params;
      let parseError: Error | undefined;
      if (raw.text.trim() !== '') {
        try {
          simReq.body = JSON.parse(raw.text);
        } catch (error) {
          parseError = error as Error;
        }
      }
      if (parseError) response = responses.invalidJson(simReq, parseError);
      else {
        try {
          response = await match.route.handler(simReq);
        } catch (error) {
          stats.handlerError();
          response = responses.handlerError(simReq, error);
        }
      }
    }

    if (planner.schemaChange && options.schemaChange && response.json !== undefined) {
      if (response.status >= 200 && response.status < 300) {
        response = { ...response, json: options.schemaChange(response.json, simReq) };
        stats.schemaChanged();
      }
    }

    if (fault === 'slow' && !(await hold(planner.slowMs, res))) return;
    if (fault === 'truncated') return sendTruncated(res, response, limitHeaders);
    if (fault === 'malformed') return sendMalformed(res, response, limitHeaders);
    write(res, response, limitHeaders);
  }

  async function replaceWithFault(
    kind: FaultKind,
    req: SimRequest,
    res: ServerResponse,
    extra: Record<string, string> | undefined,
  ): Promise<void> {
    switch (kind) {
      case 'reset':
        // An RST, not a polite FIN: what a dropped upstream connection looks like to the client.
        res.socket?.resetAndDestroy();
        return;
      case 'timeout':
        if (await hold(planner.timeoutMs, res)) write(res, responses.gatewayTimeout(req));
        return;
      case 'emptyBody':
        return write(res, { status: 200, text: '', headers: { 'content-type': 'application/json' } }, extra);
      case 'http500':
        return write(res, responses.http500(req));
      case 'http502':
        return write(res, responses.http502(req));
      case 'http503':
        return write(res, responses.http503(req));
      case 'html500':
        return write(res, responses.html500(req));
      default:
        throw new Error(`fault ${kind} does not replace the answer`);
    }
  }

  /** Promises the whole body in content-length, sends half, then drops the connection. */
  function sendTruncated(res: ServerResponse, response: SimResponse, extra?: Record<string, string>): void {
    if (res.destroyed) return;
    const body = writeHead(res, response, extra);
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
  }

  /** A correctly framed body that is not valid JSON: the first half of the real one. */
  function sendMalformed(res: ServerResponse, response: SimResponse, extra?: Record<string, string>): void {
    const { body } = encode(response);
    const half = body.length >= 4 ? body.subarray(0, Math.floor(body.length / 2)).toString('utf8') : '{"';
    write(
      res,
      { status: response.status, text: half, headers: { 'content-type': 'application/json; charset=utf-8' } },
      extra,
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Only a bug in the simulator itself lands here; answer rather than hang the client.
      stats.handlerError();
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    name: options.name,
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (faults) => planner.set(faults),
    setRateLimit: (limit) => {
      limiter = limit ? new RateLimiter(limit, clock) : undefined;
    },
    injectNext: (kind, count = 1) => planner.injectNext(kind, count),
    close: async () => {
      if (closing) return;
      closing = true;
      for (const entry of [...holds]) entry.done(false);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
