import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCodes, FreshetError } from '@freshet/core';
import { UI_TOKEN_ENV } from './ui-defaults.js';

export { UI_TOKEN_ENV };

// Long enough that guessing over HTTP is hopeless; `openssl rand -hex 16` gives 32.
export const MIN_TOKEN_LENGTH = 16;

/** The token to require: the `--token` flag, else FRESHET_UI_TOKEN, else none. */
export function resolveUiToken(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  const token = flag ?? env[UI_TOKEN_ENV];
  if (token === undefined || token === '') return null;
  const from = flag === undefined ? UI_TOKEN_ENV : '--token';
  // Sixteen spaces pass the length rule but guard nothing; a padded one was pasted badly.
  const blank =
    token.trim() === '' ? 'is blank' : token.trim() !== token ? 'starts or ends with a blank' : null;
  if (blank !== null) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `the UI token (${from}) ${blank}; set a token without blanks, e.g. one made with \`openssl rand -hex 16\``,
    );
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `the UI token must be at least ${MIN_TOKEN_LENGTH} characters long; make one with \`openssl rand -hex 16\``,
    );
  }
  return token;
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Refuses to serve beyond this machine without a token. */
export function checkBinding(host: string, token: string | null): void {
  if (token === null && !isLoopback(host)) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `serving the UI on ${host} (beyond this machine) needs a token: set ${UI_TOKEN_ENV} or pass --token, or bind to 127.0.0.1`,
    );
  }
}

// Hashing first makes both sides the same length, so the comparison time says nothing.
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares a presented secret with the expected one in constant time. */
export function sameSecret(presented: string | null | undefined, expected: string): boolean {
  if (presented === null || presented === undefined) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The login cookie's value: derived from the token, so the cookie jar never holds the token
 * itself, and changing the token logs every browser out.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('freshet-ui-session').digest('base64url');
}
