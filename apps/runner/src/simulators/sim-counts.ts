import { createServer, type Server } from 'node:http';
import type { SimulatorSet } from './simulator-set.js';

/** What one simulator has seen: what a user compares with a configuration's quota. */
export interface SimCounts {
  baseUrl: string;
  records: number;
  requests: number;
  /** 429 answers: the simulator's limiter or the API's own quota refused the request. */
  throttled: number;
  /** Requests over the real API's rate limit: a configuration that keeps to it has none. */
  violations: number;
  status: Record<string, number>;
  byRoute: Record<string, number>;
}

export function simCounts(sims: SimulatorSet): Record<string, SimCounts> {
  const counts: Record<string, SimCounts> = {};
  for (const { sourceId, simulator } of sims.list()) {
    const stats = simulator.stats();
    counts[sourceId] = {
      baseUrl: simulator.baseUrl,
      records: simulator.size,
      requests: stats.requests,
      throttled: stats.throttled,
      violations: stats.violations,
      status: { ...stats.status },
      byRoute: { ...stats.byRoute },
    };
  }
  return counts;
}

/**
 * Serves the simulators' counts as JSON at `GET /stats` on 127.0.0.1, so a script can read
 * what a run cost against the real limits while `freshet sim` keeps running.
 */
export async function startCountsServer(
  sims: SimulatorSet,
  port: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/stats') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found: GET /stats gives the counts"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ at: new Date().toISOString(), apis: simCounts(sims) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}/stats`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
