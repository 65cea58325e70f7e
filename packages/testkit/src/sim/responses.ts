import type { SimResponse, SimulatorResponses } from './types.js';

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, ...(headers ? { headers } : {}) };
}

export function text(
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  headers?: Record<string, string>,
): SimResponse {
  return { status, text: body, headers: { 'content-type': contentType, ...headers } };
}

export function html(status: number, body: string, headers?: Record<string, string>): SimResponse {
  return text(status, body, 'text/html; charset=utf-8', headers);
}

/** A status with no body at all (content-length: 0), as ASP.NET and many gateways send. */
export function empty(status: number, headers?: Record<string, string>): SimResponse {
  return { status, text: '', headers: { ...headers } };
}

/**
 * Django's stock 500 page as PatentsView's nginx served it (recorded byte for byte in
 * shared/fixtures/patentsview/mustberuss-vcr-ipc-500-error.response.html).
 */
export const DJANGO_500_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';

/** nginx's stock error page, as gateways in front of these APIs answer 502/503/504. */
export function nginxErrorPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** The defaults a simulator can override; each aims at what a generic gateway would say. */
export const defaultResponses: SimulatorResponses = {
  notFound: () => json(404, { detail: 'Not found.' }),
  methodNotAllowed: (_req, allowed) =>
    json(405, { detail: 'Method not allowed.' }, { allow: allowed.join(', ') }),
  payloadTooLarge: () => html(413, nginxErrorPage(413, 'Request Entity Too Large')),
  invalidJson: () => json(400, { detail: 'JSON parse error.' }),
  throttled: (info) =>
    json(429, { message: `Too many requests. Retry after ${info.retryAfterSeconds} seconds.` }),
  handlerError: () => json(500, { detail: 'Internal server error.' }),
  http500: () => json(500, { detail: 'Internal server error.' }),
  http502: () => html(502, nginxErrorPage(502, 'Bad Gateway')),
  http503: () => html(503, nginxErrorPage(503, 'Service Temporarily Unavailable'), { 'retry-after': '1' }),
  html500: () => html(500, DJANGO_500_HTML, { server: 'nginx' }),
  gatewayTimeout: () => html(504, nginxErrorPage(504, 'Gateway Time-out')),
};

/** Serialises a handler's answer into headers and bytes. */
export function encode(response: SimResponse): { headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  let body: Buffer;
  if (response.json !== undefined) {
    body = Buffer.from(JSON.stringify(response.json), 'utf8');
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else {
    body = Buffer.from(response.text ?? '', 'utf8');
  }
  return { headers, body };
}
