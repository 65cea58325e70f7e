import type { Quota } from '@freshet/core';

/** What a source's Bottleneck is given from its quota. */
export interface BottleneckSettings {
  maxConcurrent: number;
  /** Milliseconds between two reserved starts anywhere in the cluster. */
  minTime: number;
  /** Milliseconds after which Redis frees a job's concurrency slot even if nobody reports it done. */
  expiration: number;
}

/** The default of `jitterAllowanceMs`: covers the lateness seen on a loaded machine (≤ ~20 ms). */
export const DEFAULT_JITTER_ALLOWANCE_MS = 40;

/** Added to every job's expiration, for a busy event loop between a request's end and its free. */
const EXPIRATION_MARGIN_MS = 2000;

/**
 * `minTime`: spacing, like the in-process limiter, never a reservoir (a reservoir lets a whole
 * interval's requests out at the end of one interval and again at the start of the next).
 *
 * Bottleneck reserves each start in Redis when the job registers; the request really starts a
 * little later (the register round trip, a timer firing late, the pause check, the budget count,
 * a busy event loop), and that lateness varies from start to start: usually a few ms, tens under
 * load. Spaced exactly `intervalMs / requestsPerInterval`, one late start followed by a punctual
 * one puts `requestsPerInterval + 1` starts inside one `intervalMs`, which an API counting a
 * sliding window refuses (429). So the spacing is lengthened until `requestsPerInterval` of them
 * span `intervalMs + jitterAllowanceMs`: starts may be that much late without ever crowding one
 * interval. The cost is at most `jitterAllowanceMs / intervalMs` of the rate (2.5 % for a
 * per-second quota with the default, nothing to speak of per minute). Whole milliseconds, as
 * Bottleneck counts: never below the exact spacing rounded up, so the rate never exceeds the quota.
 *
 * `expiration` is how a slot whose end never reaches Redis comes back: a worker killed mid-request,
 * or an outage longer than this (a shorter one frees the slot on reconnecting, limiter.ts). Redis
 * frees a registered job after that long whatever its process says. A job is one attempt of one
 * request, which the HTTP client aborts after `timeoutMs` (a request may set a longer timeout of
 * its own; none of the first-party sources does), so the bound is twice `timeoutMs`, plus the
 * time a job can wait for its start once registered (up to `maxConcurrent` starts ahead of it)
 * and a margin. Too short would free a slot while its request still runs (more in flight than
 * allowed); too long keeps a dead or stopped worker's slots from every other process that long
 * (2 minutes with the sources' defaults of 60 s).
 */
export function bottleneckSettings(
  quota: Quota,
  jitterAllowanceMs = DEFAULT_JITTER_ALLOWANCE_MS,
): BottleneckSettings {
  const { intervalMs, requestsPerInterval } = quota;
  const minTime = Math.max(
    Math.ceil(intervalMs / requestsPerInterval),
    Math.floor((intervalMs + jitterAllowanceMs) / requestsPerInterval),
  );
  return {
    maxConcurrent: quota.maxConcurrent,
    minTime,
    expiration: 2 * quota.timeoutMs + minTime * quota.maxConcurrent + EXPIRATION_MARGIN_MS,
  };
}
