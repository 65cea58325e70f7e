import type { Agent } from 'undici';

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;
let shared: Promise<Agent> | undefined;

/**
 * undici, loaded on the first request: importing it costs ~0.1 s, which commands that make no
 * request (`freshet status`, `plan`) should not pay.
 */
export function loadUndici(): Promise<Undici> {
  undici ??= import('undici');
  return undici;
}

/**
 * One keep-alive Agent for every source that brings no dispatcher of its own, created on first
 * use so importing core opens nothing. Idle sockets do not keep the process alive.
 */
export function defaultAgent(): Promise<Agent> {
  shared ??= loadUndici().then(
    ({ Agent }) => new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 }),
  );
  return shared;
}

/**
 * Starts loading undici now, for a process about to make requests: a first request that waits
 * for the import goes out well after the start its limiter booked, and the next one, on time,
 * then follows it closer than the quota's spacing (a 429 from a strict API).
 */
export function warmUpHttp(): void {
  void defaultAgent().catch(() => {});
}
