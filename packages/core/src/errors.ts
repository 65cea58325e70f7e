/**
 * One error class for all of Freshet, with a code from one const map.
 * Check errors with `isFreshetError(err, code)` rather than `instanceof`: a plugin may bring
 * its own copy of `@freshet/core`.
 */
export const ErrorCodes = {
  /** A partition key or cohort that does not parse. */
  PARTITION_KEY_INVALID: 'PARTITION_KEY_INVALID',
  /** A partition names a source that is not configured. */
  SOURCE_UNKNOWN: 'SOURCE_UNKNOWN',
  /** The configuration file or a value in it is invalid. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A source's options did not pass its options schema. */
  OPTIONS_INVALID: 'OPTIONS_INVALID',
  /** The API refused the credentials (401/403). */
  AUTH_FAILED: 'AUTH_FAILED',
  /** The API answered 429 and retries ran out. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The source's daily budget (ours or the API's) is spent until `resetAt`. */
  QUOTA_EXHAUSTED: 'QUOTA_EXHAUSTED',
  /** 5xx, HTML error pages, resets and timeouts after retries ran out. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** A request timed out (retryable until the retry budget is spent). */
  TIMEOUT: 'TIMEOUT',
  /** The API refused the request itself (400/422) — the API's own message is kept. */
  REQUEST_REJECTED: 'REQUEST_REJECTED',
  /** A response body did not match the schema the adapter expects. */
  SCHEMA_DRIFT: 'SCHEMA_DRIFT',
  /** A response body was not parseable at all (truncated, malformed JSON). */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** A cohort is larger than the API can page through; the message says how to narrow it. */
  COHORT_TOO_LARGE: 'COHORT_TOO_LARGE',
  /** One slice returned two records with the same key: the source's `recordKey` must tell them apart. */
  DUPLICATE_RECORD_KEY: 'DUPLICATE_RECORD_KEY',
  /** The state artifact does not match the store or ledger. */
  CHECKPOINT_MISMATCH: 'CHECKPOINT_MISMATCH',
  /** The state artifact is unreadable or of an unknown format version. */
  STATE_INVALID: 'STATE_INVALID',
  /** The store's schema is newer than this Freshet, or a store operation failed. */
  STORE_ERROR: 'STORE_ERROR',
  /** Another holder has the partition's lease. */
  PARTITION_LOCKED: 'PARTITION_LOCKED',
  /** This holder's lease was taken over (its fencing token is stale): nothing of the slice was written. */
  LEASE_LOST: 'LEASE_LOST',
  /** The shared limiter (Redis) cannot be reached: no request was sent. */
  LIMITER_UNAVAILABLE: 'LIMITER_UNAVAILABLE',
  /** The work was aborted (signal) before it finished. */
  ABORTED: 'ABORTED',
  /** A bug or an unexpected condition inside a source or the engine. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface FreshetErrorOptions {
  /** The source the error belongs to; it prefixes the message as `[freshet] [source]`. */
  source?: string;
  /** The partition the error belongs to, when there is one. */
  partition?: string;
  /** What to do about it, shown after the reason. */
  hint?: string;
  cause?: unknown;
  /** Whether retrying the same request may succeed. */
  retryable?: boolean;
  /** When a quota resets or a Retry-After ends. */
  retryAt?: Date;
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** Extra machine-readable detail (never secrets). */
  details?: Record<string, unknown>;
}

/**
 * `reason` is the bare reason; `source`, `partition` and `hint` are its context, kept as fields
 * so each place that shows an error composes what it needs (`errorText`, `errorReason`).
 * `message` is the whole of it, `[freshet] [source] reason; hint`, for code that only prints
 * `err.message`.
 */
export class FreshetError extends Error {
  override readonly name = 'FreshetError';
  readonly code: ErrorCode;
  readonly reason: string;
  readonly source: string | undefined;
  readonly partition: string | undefined;
  readonly hint: string | undefined;
  readonly retryable: boolean;
  readonly retryAt: Date | undefined;
  readonly status: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, reason: string, options: FreshetErrorOptions = {}) {
    const prefix = options.source ? `[freshet] [${options.source}] ` : '[freshet] ';
    super(
      prefix + withHint(reason, options.hint),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.reason = reason;
    this.source = options.source;
    this.partition = options.partition;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
    this.retryAt = options.retryAt;
    this.status = options.status;
    this.details = options.details;
  }

  /** A plain object safe to store or print as JSON. */
  toJSON(): { name: string; code: ErrorCode; message: string; source?: string; status?: number } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.source ? { source: this.source } : {}),
      ...(this.status ? { status: this.status } : {}),
    };
  }
}

const withHint = (reason: string, hint: string | undefined): string => (hint ? `${reason}; ${hint}` : reason);

/** A FreshetError from any copy of core that keeps its reason as a field. */
function reasoned(err: unknown): (FreshetError & { reason: string }) | null {
  return isFreshetError(err) && typeof (err as { reason?: unknown }).reason === 'string' ? err : null;
}

/** The bare reason of anything thrown: a FreshetError's `reason`, else the message. */
export function errorReason(err: unknown): string {
  return reasoned(err)?.reason ?? (err instanceof Error ? err.message : String(err));
}

/**
 * An error as a user reads it: `[source] reason; hint` for a FreshetError (Freshet's own name
 * left out, since the program printing it is Freshet), the message of any other error.
 */
export function errorText(err: unknown): string {
  const known = reasoned(err);
  if (known === null) return err instanceof Error ? err.message : String(err);
  return `${known.source ? `[${known.source}] ` : ''}${withHint(known.reason, known.hint)}`;
}

/** True when `err` is a FreshetError (from any copy of core), optionally with the given code. */
export function isFreshetError(err: unknown, code?: ErrorCode): err is FreshetError {
  if (typeof err !== 'object' || err === null) return false;
  const candidate = err as { name?: unknown; code?: unknown };
  if (candidate.name !== 'FreshetError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

/** Turns anything thrown into a FreshetError, keeping the original as `cause`. */
export function toFreshetError(err: unknown, source?: string): FreshetError {
  if (isFreshetError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new FreshetError(ErrorCodes.INTERNAL, message, { cause: err, ...(source ? { source } : {}) });
}
