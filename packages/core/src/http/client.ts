import type { Dispatcher } from 'undici';
import { type Clock, systemClock } from '../clock.js';
import { waitOutOutages } from '../engine/outage.js';
import { ErrorCodes, FreshetError, isFreshetError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import type { Limiter } from '../quota/limiter-types.js';
import type { Quota } from '../quota/types.js';
import { backoffDelay } from './backoff.js';
import { defaultAgent, loadUndici } from './default-agent.js';
import { type Failure, responseFailure } from './failure.js';
import { classifyNetworkError } from './network-error.js';
import { createRedactor, type Redact, redactError, redactingLogger, redactValue } from './redact.js';
import type { ClassifyResponse, Http, HttpRequest, HttpResponse, HttpStats } from './types.js';

export interface CreateHttpClientOptions {
  sourceId: string;
  /** The source's limiter: every attempt goes through it and counts against the quota. */
  limiter: Limiter;
  /** Timeout and retry policy. */
  quota: Quota;
  /** Values (API keys) that must never appear in a message, a log line or an error. */
  secrets?: readonly string[];
  classifyResponse?: ClassifyResponse;
  clock?: Clock;
  logger?: Logger;
  /** An undici dispatcher (an Agent, a MockAgent); a shared keep-alive Agent by default. */
  dispatcher?: Dispatcher;
  userAgent?: string;
  /** Source of jitter, for tests. */
  random?: () => number;
}

const DEFAULT_USER_AGENT = 'freshet (+https://www.npmjs.com/package/@freshet/core)';

type Attempt = { ok: true; response: HttpResponse } | { ok: false; failure: Failure };

/** The undici-based `Http` of one source. */
export function createHttpClient(options: CreateHttpClientOptions): Http {
  const { sourceId, limiter, quota } = options;
  const clock = options.clock ?? systemClock;
  const redact = createRedactor(options.secrets ?? []);
  const logger = redactingLogger(options.logger ?? silentLogger, redact);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const stats: HttpStats = { calls: 0, retries: 0, throttled: 0 };

  async function send(
    req: HttpRequest,
    url: string,
    shownUrl: string,
    attempt: number,
    dispatched: () => void,
  ): Promise<Attempt> {
    stats.calls++;
    const timeoutMs = req.timeoutMs ?? quota.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (req.signal?.aborted) controller.abort();
    try {
      const { request } = await loadUndici();
      const dispatcher = options.dispatcher ?? (await defaultAgent());
      dispatched();
      const res = await request(url, {
        method: req.method,
        headers: requestHeaders(req, userAgent),
        ...(req.json === undefined ? {} : { body: JSON.stringify(req.json) }),
        signal: controller.signal,
        dispatcher,
      });
      const text = await res.body.text();
      const response: HttpResponse = {
        status: res.statusCode,
        headers: flattenHeaders(res.headers),
        text,
        url: shownUrl,
        attempts: attempt,
      };
      if (res.statusCode === 429) stats.throttled++;
      return { ok: true, response };
    } catch (err) {
      if (req.signal?.aborted) throw abortedError(req, err);
      if (timedOut) {
        return {
          ok: false,
          failure: {
            code: ErrorCodes.TIMEOUT,
            retryable: true,
            summary: `timed out (limit ${timeoutMs} ms per attempt)`,
            cause: redactError(err, redact),
          },
        };
      }
      const network = classifyNetworkError(err);
      const message = redact(err instanceof Error ? err.message : String(err));
      const code = network.code && !message.includes(network.code) ? ` (${network.code})` : '';
      return {
        ok: false,
        failure: {
          code: network.timeout ? ErrorCodes.TIMEOUT : ErrorCodes.UPSTREAM_UNAVAILABLE,
          retryable: network.transient,
          summary: `failed: ${message}${code}`,
          cause: redactError(err, redact),
        },
      };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  function abortedError(req: HttpRequest, cause: unknown): FreshetError {
    return new FreshetError(ErrorCodes.ABORTED, `${req.method} ${redact(stripQuery(req.url))} was aborted`, {
      source: sourceId,
      cause: redactError(req.signal?.reason ?? cause, redact),
    });
  }

  function classify(response: HttpResponse) {
    if (!options.classifyResponse) return undefined;
    try {
      return options.classifyResponse(response);
    } catch (err) {
      // A buggy classifier must not hide the response's own error.
      logger.warn({ source: sourceId, error: redactError(err, redact).message }, 'classifyResponse threw');
      return undefined;
    }
  }

  function toError(req: HttpRequest, shownUrl: string, failure: Failure, attempts: number, extra = '') {
    const tried = attempts > 1 ? `; gave up after ${attempts} attempts` : '';
    const retryAt = failure.resetAt ?? failure.retryAt;
    const details = redactValue(
      {
        method: req.method,
        url: shownUrl,
        attempts,
        ...(failure.status === undefined ? {} : { status: failure.status }),
        ...(failure.apiMessage === undefined ? {} : { apiMessage: failure.apiMessage }),
        ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
      },
      redact,
    ) as Record<string, unknown>;
    return new FreshetError(
      failure.code,
      redact(`${req.method} ${stripQuery(shownUrl)} ${failure.summary}${extra}${tried}`),
      {
        source: sourceId,
        retryable: failure.retryable,
        details,
        ...(failure.status === undefined ? {} : { status: failure.status }),
        ...(retryAt ? { retryAt } : {}),
        ...(failure.cause === undefined ? {} : { cause: failure.cause }),
      },
    );
  }

  async function requestWithRetries(req: RequestOptions): Promise<HttpResponse> {
    const url = buildUrl(req, redact, sourceId);
    const shownUrl = redact(url);
    const { maxAttempts, maxDelayMs } = quota.retry;

    for (let attempt = 1; ; attempt++) {
      // A shared limiter that lost Redis sends nothing: wait for it rather than fail the slice.
      const outcome = await waitOutOutages(
        () => limiter.schedule((dispatched) => send(req, url, shownUrl, attempt, dispatched), req.signal),
        { what: `the ${sourceId} limiter`, clock, logger, ...(req.signal ? { signal: req.signal } : {}) },
      );
      let failure: Failure;
      if (outcome.ok) {
        const judged = responseFailure(outcome.response, {
          allowNotFound: req.allowNotFound ?? false,
          classify,
          now: clock.now(),
        });
        const bodyFailure = judged
          ? undefined
          : req.expectJson
            ? jsonBodyFailure(outcome.response)
            : undefined;
        if (!judged && !bodyFailure) return outcome.response;
        failure = (judged ?? bodyFailure)!;
      } else {
        failure = outcome.failure;
      }

      if (failure.code === ErrorCodes.QUOTA_EXHAUSTED && failure.resetAt) {
        // The API's own daily quota: every partition stops until it resets; retrying is pointless.
        limiter.pauseUntil(failure.resetAt);
        throw toError(req, shownUrl, { ...failure, retryable: false }, attempt);
      }
      if (failure.retryAfterMs !== undefined) {
        failure.retryAt = new Date(clock.now().getTime() + failure.retryAfterMs);
        limiter.pauseUntil(failure.retryAt);
        if (failure.retryAfterMs > maxDelayMs) {
          // Hours of Retry-After: report when to come back rather than hold a worker asleep.
          const until = `; the API asks to wait until ${failure.retryAt.toISOString()}`;
          throw toError(req, shownUrl, failure, attempt, until);
        }
      }
      if (!failure.retryable || attempt >= maxAttempts) throw toError(req, shownUrl, failure, attempt);

      const delayMs = failure.retryAfterMs ?? backoffDelay(attempt, quota.retry, options.random);
      // A 429 speaks for the whole source, so every partition backs off, not just this request.
      if (failure.status === 429 && failure.retryAfterMs === undefined) {
        limiter.pauseUntil(new Date(clock.now().getTime() + delayMs));
      }
      stats.retries++;
      logger.warn(
        {
          source: sourceId,
          method: req.method,
          url: shownUrl,
          attempt,
          status: failure.status,
          code: failure.code,
          delayMs,
        },
        `${req.method} ${stripQuery(shownUrl)} ${failure.summary}; retrying in ${delayMs} ms`,
      );
      try {
        await clock.sleep(delayMs, req.signal);
      } catch (err) {
        throw abortedError(req, err);
      }
    }
  }

  async function guarded(req: RequestOptions): Promise<HttpResponse> {
    try {
      return await requestWithRetries(req);
    } catch (err) {
      if (isFreshetError(err)) throw err;
      throw new FreshetError(ErrorCodes.INTERNAL, redact(err instanceof Error ? err.message : String(err)), {
        source: sourceId,
        cause: redactError(err, redact),
      });
    }
  }

  return {
    request: (req) => guarded(req),
    async json(req) {
      const response = await guarded({ ...req, expectJson: true });
      return { response, body: response.status === 404 ? null : parsedBodies.get(response) };
    },
    stats: () => ({ ...stats }),
  };
}

type RequestOptions = HttpRequest & { allowNotFound?: boolean; expectJson?: boolean };

// The body parsed while checking it, so a page of JSON is parsed once, not twice.
const parsedBodies = new WeakMap<HttpResponse, unknown>();

/** A 2xx body that is empty, cut short or not JSON: retried, since the next answer may be whole. */
function jsonBodyFailure(response: HttpResponse): Failure | undefined {
  if (response.status === 404) return undefined;
  const text = response.text;
  const problem = !/\S/.test(text)
    ? 'returned an empty body'
    : /^\s*</.test(text)
      ? 'returned an HTML page where JSON was expected'
      : (() => {
          try {
            parsedBodies.set(response, JSON.parse(text));
            return undefined;
          } catch (err) {
            return `returned a body that is not valid JSON (${(err as Error).message}, ${text.length} bytes)`;
          }
        })();
  if (problem === undefined) return undefined;
  return {
    code: ErrorCodes.BAD_RESPONSE,
    retryable: true,
    summary: `${problem} (status ${response.status})`,
    status: response.status,
  };
}

function buildUrl(req: HttpRequest, redact: Redact, sourceId: string): string {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new FreshetError(ErrorCodes.INTERNAL, `invalid request URL ${JSON.stringify(redact(req.url))}`, {
      source: sourceId,
    });
  }
  for (const [name, value] of Object.entries(req.query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url.toString();
}

function requestHeaders(req: HttpRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent, accept: 'application/json' };
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

// Messages name the endpoint; the full (redacted) URL goes in `details`.
function stripQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? url : url.slice(0, at);
}
