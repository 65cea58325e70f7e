import { Agent } from 'undici';

let shared: Agent | undefined;

/**
 * One keep-alive Agent for every source that brings no dispatcher of its own, created on first
 * use so importing core opens nothing. Idle sockets do not keep the process alive.
 */
export function defaultAgent(): Agent {
  shared ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
  return shared;
}
