/*
 * Which Postgres errors are worth retrying: the work was refused because of other sessions or a
 * connection, not because of what it asked. Everything else (constraint violations, syntax,
 * statement timeouts) would fail the same way again.
 */

/** SQLSTATEs of contention and of a server going away or not taking connections yet. */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
]);

/** Class 08: connection exceptions (08006 connection_failure, 08001, 08003, …). */
const CONNECTION_EXCEPTION_CLASS = '08';

/** Socket errors of node's net and dns, for a server that is down or restarting. */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** node-postgres reports a lost or timed-out connection by message alone. */
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

export function isTransientPostgresError(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 3) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SOCKET_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && code.startsWith(CONNECTION_EXCEPTION_CLASS)) return true;
  }
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && TRANSIENT_MESSAGES.some((text) => message.includes(text))) return true;
  // Connecting to a host name with several addresses fails with one error per address.
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.some((inner) => isTransientPostgresError(inner, depth + 1)))
    return true;
  return isTransientPostgresError((err as { cause?: unknown }).cause, depth + 1);
}
