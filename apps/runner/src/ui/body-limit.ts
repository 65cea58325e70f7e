import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { messagePage } from './pages/message.js';
import { type Redact, sendHtml, sendJson } from './respond.js';

/** The largest request body the UI reads: its forms and JSON requests are a few hundred bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const MESSAGE = `the request body is over ${BODY_LIMIT_BYTES / 1024} KiB; send less`;

/**
 * Refuses (413) a body over the limit, by its Content-Length or, for a chunked body, as soon
 * as the bytes read pass it, before a route parses anything.
 */
export function limitBodies(redact: Redact): MiddlewareHandler {
  return bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: (c) => {
      // The rest of the body is never read, so the connection cannot carry another request.
      c.header('Connection', 'close');
      return c.req.path.startsWith('/api/')
        ? sendJson(c, redact, { error: { code: 'BODY_TOO_LARGE', message: MESSAGE } }, 413)
        : sendHtml(c, redact, messagePage('Too large', MESSAGE), 413);
    },
  });
}
