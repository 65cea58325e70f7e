import { ErrorCodes, FreshetError, isFreshetError } from '../errors.js';
import type { StoreDialect } from './dialect.js';

/**
 * Turns a database error into `STORE_ERROR` naming the store (a file path or a redacted URL,
 * never credentials) and the operation. FreshetErrors pass through as they are.
 */
export function wrapStoreError(label: string, op: string, err: unknown, dialect?: StoreDialect): Error {
  if (isFreshetError(err)) return err;
  const reason = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  return new FreshetError(ErrorCodes.STORE_ERROR, `store ${label}: ${op} failed: ${reason}`, {
    cause: err,
    retryable: dialect?.isTransient(err) ?? false,
    ...(typeof code === 'string' ? { details: { dbCode: code } } : {}),
  });
}
