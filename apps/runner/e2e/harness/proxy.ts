import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a client sent through the proxy, as the API received it. */
export interface ProxiedRequest {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  path: string;
  /** The parsed JSON body (NIH: `{ criteria, offset, limit, … }`); undefined when empty. */
  body: unknown;
  /** The API's status; null until it answered. */
  status: number | null;
  /** Whether the client got the answer (false when it went away while the answer was held). */
  delivered: boolean;
}

export interface RecordingProxy {
  /** Point a source's `baseUrl` here. */
  readonly baseUrl: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  /**
   * Holds the API's answers to requests matching `predicate` (after the API served them) until
   * `release()`: the client sees a slice in flight. Replaces any earlier predicate.
   */
  holdAnswers(predicate: (request: ProxiedRequest) => boolean): void;
  /** Delivers every held answer (to clients still there) and holds nothing more. */
  release(): void;
  /** Resolves once a request matches, polling every 20 ms; rejects after `timeoutMs`. */
  waitFor(predicate: (request: ProxiedRequest) => boolean, timeoutMs?: number): Promise<ProxiedRequest>;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of a simulator that records request bodies (the simulators' own request
 * log has paths and statuses only, and NIH pages by a body field) and can hold answers back to
 * freeze a client with a slice in flight.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  let hold: ((request: ProxiedRequest) => boolean) | null = null;
  let held: Array<() => void> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const entry: ProxiedRequest = {
      seq: requests.length + 1,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      body: raw.length > 0 ? safeJson(raw.toString('utf8')) : undefined,
      status: null,
      delivered: false,
    };
    requests.push(entry);
    let clientGone = false;
    res.on('close', () => {
      if (!res.writableFinished) clientGone = true;
    });

    const headers: Record<string, string> = {};
    const type = req.headers['content-type'];
    if (typeof type === 'string') headers['content-type'] = type;
    const answer = await fetch(new URL(entry.path, target), {
      method: entry.method,
      headers,
      ...(raw.length > 0 ? { body: raw } : {}),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    entry.status = answer.status;

    if (hold?.(entry)) await new Promise<void>((resolve) => held.push(resolve));
    if (clientGone || res.destroyed) return;
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection')
        out[name] = value;
    });
    out['content-length'] = String(body.length);
    res.writeHead(answer.status, out);
    res.end(body, () => {
      entry.delivered = true;
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(502);
        res.end();
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const release = () => {
    hold = null;
    const waiting = held;
    held = [];
    for (const resolve of waiting) resolve();
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    holdAnswers(predicate) {
      hold = predicate;
    },
    release,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching request through the proxy in ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
