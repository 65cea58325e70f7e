import type { Logger } from '../logger.js';

export type Redact = (text: string) => string;

const MASK = '***';

// Secrets shorter than this would mask ordinary words; real API keys are far longer.
const MIN_SECRET_LENGTH = 4;

// Values of key-like query parameters and headers, whether or not we were told the secret:
// an API may echo a key we never saw (SAM.gov's `api_key=…` in `links`).
const KEY_PARAM =
  /([?&;](?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|client[_-]?secret|secret|password|signature)=)[^&#\s"'<>]+/gi;
const KEY_HEADER =
  /((?:x-api-key|api-key|authorization|proxy-authorization)["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;&}]+/gi;

/**
 * Returns a function that replaces every secret (raw, URL-encoded, form-encoded and
 * JSON-escaped) with `***`, and masks the values of key-like query parameters and headers.
 */
export function createRedactor(secrets: readonly string[]): Redact {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is masked whole.
  const alternatives = [...variants].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const secretPattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : undefined;

  return (text) => {
    const withoutSecrets = secretPattern ? text.replace(secretPattern, MASK) : text;
    return withoutSecrets.replace(KEY_PARAM, `$1${MASK}`).replace(KEY_HEADER, `$1${MASK}`);
  };
}

/** Redacts every string inside plain objects, arrays and errors (a few levels deep). */
export function redactValue(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactError(value, redact, depth);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactValue(item, redact, depth + 1)]),
  );
}

/**
 * A copy of `err` whose message, stack and causes are redacted, keeping `name` and `code`.
 * Other properties are dropped: undici errors can carry sockets and request options.
 */
export function redactError(err: unknown, redact: Redact, depth = 0): Error {
  if (!(err instanceof Error)) return new Error(redact(String(err)));
  const cause = depth < 3 && err.cause !== undefined ? redactError(err.cause, redact, depth + 1) : undefined;
  const copy = new Error(redact(err.message), cause === undefined ? undefined : { cause });
  copy.name = err.name;
  copy.stack = err.stack === undefined ? undefined : redact(err.stack);
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}

/** A logger that redacts every message and every string field before passing them on. */
export function redactingLogger(logger: Logger, redact: Redact): Logger {
  const wrap =
    (level: 'debug' | 'info' | 'warn' | 'error') => (fields: Record<string, unknown>, message: string) =>
      logger[level](redactValue(fields, redact) as Record<string, unknown>, redact(message));
  return {
    debug: wrap('debug'),
    info: wrap('info'),
    warn: wrap('warn'),
    error: wrap('error'),
    child: (bindings) =>
      redactingLogger(
        logger.child ? logger.child(redactValue(bindings, redact) as Record<string, unknown>) : logger,
        redact,
      ),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
