import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { unauthorizedPage } from './pages/unauthorized.js';
import { isLoopback, sameSecret, sessionValue } from './token.js';

export const SESSION_COOKIE = 'freshet_ui_session';

const wantsJson = (c: Context) => new URL(c.req.url).pathname.startsWith('/api/');

/**
 * With a token, every request must carry it: `Authorization: Bearer <token>`, or the session
 * cookie that `?token=<token>` on any page sets (then redirects to the same page without it, so
 * the token does not stay in the address bar or the history). Everything else gets 401.
 */
export function requireToken(token: string | null): MiddlewareHandler {
  if (token === null) return async (_c, next) => next();
  const session = sessionValue(token);
  return async (c, next) => {
    const url = new URL(c.req.url);
    const offered = url.searchParams.get('token');
    if (offered !== null && c.req.method === 'GET' && sameSecret(offered, token)) {
      setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    if (sameSecret(bearer, token) || sameSecret(getCookie(c, SESSION_COOKIE), session)) return next();
    c.header('WWW-Authenticate', 'Bearer realm="freshet"');
    c.header('Cache-Control', 'no-store');
    const message = offered === null ? 'this server needs its token' : 'that token is not right';
    if (wantsJson(c)) return c.json({ error: { code: 'UNAUTHORIZED', message } }, 401);
    return c.html(unauthorizedPage(message, url.pathname), 401);
  };
}

/**
 * Bound to loopback, answer only requests addressed to a loopback name: a web page elsewhere
 * that rebinds its own domain to 127.0.0.1 must not reach a tokenless UI.
 */
export function loopbackHostsOnly(bindHost: string): MiddlewareHandler {
  if (!isLoopback(bindHost)) return async (_c, next) => next();
  return async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '');
    if (isLoopback(host)) return next();
    return c.text(`host ${host} is not served here; use http://127.0.0.1`, 421);
  };
}

/** No framing, no scripts or styles from elsewhere: everything is served from here. */
export const securityHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    // The partition bar sizes its segments with style attributes.
    styleSrcAttr: ["'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  xFrameOptions: 'DENY',
  // `same-origin`, not `no-referrer`: with the latter a browser sends `Origin: null` on its own
  // form posts, and the origin check below could not tell them from a foreign page's.
  referrerPolicy: 'same-origin',
  // The server speaks plain HTTP; a TLS proxy in front of it decides about HSTS for its domain.
  strictTransportSecurity: false,
});

/**
 * A browser's POST from another site is refused (its cookie could otherwise start runs);
 * clients that are not browsers send no Origin and authenticate with the bearer token.
 * Not hono/csrf: it checks only form-like content types (a JSON POST passes unchecked) and
 * refuses any form post without Origin or Sec-Fetch-Site, which would lock out those clients.
 */
export const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const own = `${new URL(c.req.url).protocol}//${c.req.header('host') ?? new URL(c.req.url).host}`;
  const foreign =
    (origin !== undefined && origin !== own) ||
    (site !== undefined && site !== 'same-origin' && site !== 'none');
  if (!foreign) return next();
  return c.text('refused: a write from another site', 403);
};
