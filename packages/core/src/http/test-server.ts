// A scripted local HTTP server for the client tests. Not exported from the package.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  /** 0-based order of arrival. */
  index: number;
  /** Date.now() when the request arrived. */
  at: number;
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (hit: Hit, res: ServerResponse, req: IncomingMessage) => unknown;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  hits: Hit[];
  /** Most requests the server was answering at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

export async function startTestServer(handler: Handler): Promise<TestServer> {
  const hits: Hit[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const at = Date.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hit: Hit = {
        index: hits.length,
        at,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      hits.push(hit);
      Promise.resolve(handler(hit, res, req)).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a response of `contentType` unless the client has gone; `headers` may override it. */
function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string>,
) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body);
}

/** Writes a JSON response unless the client has gone. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  send(res, status, 'application/json', JSON.stringify(body), headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  send(res, status, 'text/plain', body, headers);
}
