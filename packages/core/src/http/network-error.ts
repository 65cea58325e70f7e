// Failures of the connection rather than of the request: another attempt may well succeed.
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const TRANSIENT_MESSAGES = /socket hang up|other side closed|terminated|connection reset/i;

export interface NetworkFailure {
  /** The error code found on the error, its cause or an aggregated error (`ECONNRESET`). */
  code: string | undefined;
  transient: boolean;
  timeout: boolean;
}

/** Whether an error thrown by undici is a connection failure worth another attempt. */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const codes = collectCodes(err, 0);
  const code = codes.find((c) => TRANSIENT_CODES.has(c)) ?? codes[0];
  const message = err instanceof Error ? err.message : String(err);
  return {
    code,
    transient: codes.some((c) => TRANSIENT_CODES.has(c)) || TRANSIENT_MESSAGES.test(message),
    timeout: codes.some((c) => TIMEOUT_CODES.has(c)),
  };
}

function collectCodes(err: unknown, depth: number): string[] {
  if (typeof err !== 'object' || err === null || depth > 3) return [];
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap((e) => collectCodes(e, depth + 1)) : [];
  return [...own, ...collectCodes(cause, depth + 1), ...nested];
}
