import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One item the fake API serves. */
export interface FakeItem {
  id: string;
  cohort: string;
  value: number;
}

export interface FakeApiOptions {
  /** Items per cohort; a cohort not listed has none. */
  sizes: Record<string, number>;
  /** Milliseconds each response is held back (0 by default). */
  latencyMs?: number;
}

/** A request as the fake API saw it. */
export interface SeenRequest {
  cohort: string;
  page: number;
  startedAt: number;
  endedAt: number;
}

export interface FakeApi {
  baseUrl: string;
  requests: SeenRequest[];
  maxInFlight: number;
  /** When it returns true for a request, the API answers 500 instead. Settable at any time. */
  failWhen: ((cohort: string, page: number) => boolean) | null;
  /** Changes the value of every n-th item of a cohort, as an upstream update would. */
  modify(cohort: string, every: number): void;
  items(cohort: string): FakeItem[];
  close(): Promise<void>;
}

/** A tiny paged JSON API on loopback: `GET /items?cohort=…&page=…&size=…`. */
export async function startFakeApi(options: FakeApiOptions): Promise<FakeApi> {
  const bumps = new Map<string, number>();
  const items = (cohort: string): FakeItem[] =>
    Array.from({ length: options.sizes[cohort] ?? 0 }, (_, i) => {
      const id = `${cohort}-${String(i).padStart(6, '0')}`;
      return { id, cohort, value: i + (bumps.get(id) ?? 0) };
    });
  let inFlight = 0;
  const api: FakeApi = {
    baseUrl: '',
    requests: [],
    maxInFlight: 0,
    failWhen: null,
    modify(cohort, every) {
      for (const [i, item] of items(cohort).entries()) {
        if (i % every === 0) bumps.set(item.id, (bumps.get(item.id) ?? 0) + 1000);
      }
    },
    items,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cohort = url.searchParams.get('cohort') ?? '';
    const page = Number(url.searchParams.get('page') ?? '0');
    const size = Number(url.searchParams.get('size') ?? '10');
    const seen: SeenRequest = { cohort, page, startedAt: performance.now(), endedAt: 0 };
    api.requests.push(seen);
    inFlight++;
    api.maxInFlight = Math.max(api.maxInFlight, inFlight);
    const respond = () => {
      inFlight--;
      seen.endedAt = performance.now();
      if (api.failWhen?.(cohort, page)) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"injected"}');
        return;
      }
      const all = items(cohort);
      const body = { total: all.length, page, items: all.slice(page * size, (page + 1) * size) };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (options.latencyMs) setTimeout(respond, options.latencyMs);
    else respond();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
