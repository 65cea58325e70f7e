import * as crypto from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// Keys sorted, so the same record with its fields in another order hashes the same.
const canonicalJson = configure({ deterministic: true, circularValue: TypeError, bigint: true });

// One-shot `crypto.hash` (Node >= 20.12) is about three times faster than a Hash object for a
// record-sized text; read through the namespace so older Node falls back instead of failing to load.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** sha256 (hex) of a text. */
export function sha256Hex(text: string): string {
  return oneShot === undefined
    ? crypto.createHash('sha256').update(text).digest('hex')
    : oneShot('sha256', text, 'hex');
}

/** sha256 (hex) of the value's canonical JSON: the ledger's change detector. */
export function payloadHash(value: unknown): string {
  return sha256Hex(canonicalJson(value) ?? 'null');
}
