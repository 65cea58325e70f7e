import { ErrorCodes, errorText, isFreshetError } from '@freshet/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Html } from './pages/markup.js';

/** Removes secrets (API keys, the UI token) from whatever a response carries. */
export type Redact = (text: string) => string;

export async function sendHtml(c: Context, redact: Redact, page: Html, status: ContentfulStatusCode = 200) {
  return c.html(redact(String(await page)), status);
}

export function sendJson(c: Context, redact: Redact, value: unknown, status: ContentfulStatusCode = 200) {
  return c.body(redact(JSON.stringify(value)), status, { 'content-type': 'application/json; charset=utf-8' });
}

const USAGE_CODES: ReadonlySet<string> = new Set([
  ErrorCodes.CONFIG_INVALID,
  ErrorCodes.SOURCE_UNKNOWN,
  ErrorCodes.PARTITION_KEY_INVALID,
]);

/** A bad source, partition key or window: the caller's mistake (400), as the CLI's exit 2. */
export function isUsageError(err: unknown): boolean {
  return isFreshetError(err) && USAGE_CODES.has(err.code);
}

/** An error as a user reads it (see `errorText`). */
export function messageOf(err: unknown): string {
  return errorText(err);
}
