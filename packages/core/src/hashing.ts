import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// Keys sorted, so the same record with its fields in another order hashes the same.
const canonicalJson = configure({ deterministic: true, circularValue: TypeError, bigint: true });

/** sha256 (hex) of the value's canonical JSON: the ledger's change detector. */
export function payloadHash(value: unknown): string {
  const text = canonicalJson(value) ?? 'null';
  return createHash('sha256').update(text).digest('hex');
}
