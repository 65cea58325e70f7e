import { afterEach, describe, expect, it } from 'vitest';
import { DJANGO_500_HTML, json, text } from './responses.js';
import { type SimulatorServer, type SimulatorServerOptions, startSimulatorServer } from './server.js';
import type { FaultKind } from './types.js';

const servers: SimulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(options: Partial<SimulatorServerOptions> = {}): Promise<SimulatorServer> {
  const server = await startSimulatorServer({
    name: 'test',
    routes: [
      {
        method: 'GET',
        path: '/hello/:name',
        handler: (req) => json(200, { hello: req.params.name, q: req.query.get('q') }),
      },
      { method: 'POST', path: '/echo', handler: (req) => json(200, { got: req.body ?? null }) },
      {
        method: 'GET',
        path: '/wait',
        handler: async () => {
          await sleep(80);
          return text(200, 'done');
        },
      },
      {
        method: 'GET',
        path: '/boom',
        handler: () => {
          throw new Error('bug');
        },
      },
    ],
    ...options,
  });
  servers.push(server);
  return server;
}

const post = (s: SimulatorServer, body: string) =>
  fetch(`${s.baseUrl}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('startSimulatorServer: routing', () => {
  it('binds 127.0.0.1 on a free port and routes by method and path', async () => {
    const s = await start();
    expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${s.baseUrl}/hello/ada?q=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'ada', q: '1' });
    expect(await (await post(s, '{"a":[1,2]}')).json()).toEqual({ got: { a: [1, 2] } });
  });

  it('answers unknown paths 404, wrong methods 405, bad JSON 400, big bodies 413', async () => {
    const s = await start({ maxBodyBytes: 64 });
    const missing = await fetch(`${s.baseUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not found.' });
    const wrong = await fetch(`${s.baseUrl}/echo`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    await wrong.text();
    const bad = await post(s, '{"a":');
    expect(bad.status).toBe(400);
    await bad.text();
    const big = await post(s, JSON.stringify({ pad: 'x'.repeat(200) }));
    expect(big.status).toBe(413);
    await big.text();
  });

  it('lets a simulator answer those its own way', async () => {
    const s = await start({
      responses: { notFound: () => text(404, 'gone'), invalidJson: (_req, err) => json(400, [err.name]) },
    });
    expect(await (await fetch(`${s.baseUrl}/nope`)).text()).toBe('gone');
    expect(await (await post(s, 'not json')).json()).toEqual(['SyntaxError']);
  });

  it('turns a throwing handler into a 500 and counts it', async () => {
    const s = await start();
    const res = await fetch(`${s.baseUrl}/boom`);
    expect(res.status).toBe(500);
    await res.text();
    expect(s.stats().handlerErrors).toBe(1);
  });
});

describe('startSimulatorServer: stats', () => {
  it('counts requests per path and route, statuses, and logs each one', async () => {
    const s = await start();
    await (await fetch(`${s.baseUrl}/hello/a`)).text();
    await (await fetch(`${s.baseUrl}/hello/b`)).text();
    await (await fetch(`${s.baseUrl}/nope`)).text();
    const st = s.stats();
    expect(st.requests).toBe(3);
    expect(st.byPath).toEqual({ '/hello/a': 1, '/hello/b': 1, '/nope': 1 });
    expect(st.byRoute).toEqual({ 'GET /hello/:name': 2 });
    expect(st.status).toMatchObject({ '2xx': 2, '4xx': 1, '5xx': 0 });
    expect(st.log.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/hello/a', 200],
      ['GET', '/hello/b', 200],
      ['GET', '/nope', 404],
    ]);
    expect(st.log[0]?.at).toBeGreaterThan(Date.now() - 10_000);
    s.resetStats();
    expect(s.stats().requests).toBe(0);
    expect(s.stats().log).toEqual([]);
  });

  it('caps the log and says how much it dropped', async () => {
    const s = await start({ logLimit: 5 });
    for (let i = 0; i < 12; i++) await (await fetch(`${s.baseUrl}/hello/${i}`)).text();
    const st = s.stats();
    expect(st.log).toHaveLength(5);
    expect(st.log.at(-1)?.path).toBe('/hello/11');
    expect(st.logDropped).toBe(7);
  });

  it('measures the most requests in flight at once', async () => {
    const s = await start();
    await Promise.all([1, 2, 3].map(async () => (await fetch(`${s.baseUrl}/wait`)).text()));
    expect(s.stats().maxInFlight).toBe(3);
    expect(s.stats().inFlight).toBe(0);
  });
});

describe('startSimulatorServer: rate limits', () => {
  it('answers 429 with Retry-After past the limit and counts each violation', async () => {
    const s = await start({ rateLimit: { requests: 2, intervalMs: 1000 } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${s.baseUrl}/hello/x`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.text();
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(retryAfter).toBe('1');
    const st = s.stats();
    expect(st.violations).toBe(2);
    expect(st.violationsByReason.window).toBe(2);
    expect(st.throttled).toBe(2);
    expect(st.log.filter((e) => e.throttled)).toHaveLength(2);
  });

  it('limits per API key, adds limit headers, and runs the gate before the limiter', async () => {
    const s = await start({
      rateLimit: { requests: 1, intervalMs: 60_000 },
      gate: (req) => (req.headers['x-api-key'] === 'bad' ? json(403, { error: 'bad key' }) : undefined),
      rateLimitHeaders: (st) => ({ 'x-remaining': String(st.remaining) }),
      responses: { throttled: (info) => json(429, { code: '900804', wait: info.retryAfterSeconds }) },
    });
    const get = (key: string) => fetch(`${s.baseUrl}/hello/x`, { headers: { 'x-api-key': key } });
    const a1 = await get('a');
    expect(a1.headers.get('x-remaining')).toBe('0');
    await a1.text();
    const a2 = await get('a');
    expect(a2.status).toBe(429);
    expect(a2.headers.get('retry-after')).toBe('60');
    expect(await a2.json()).toEqual({ code: '900804', wait: 60 });
    expect((await get('b')).status).toBe(200);
    const bad = await get('bad');
    expect(bad.status).toBe(403);
    await bad.text();
    expect(s.stats().violations).toBe(1);
  });

  it('can change or drop the limit at run time', async () => {
    const s = await start({ rateLimit: { requests: 1, intervalMs: 60_000 } });
    await (await fetch(`${s.baseUrl}/hello/x`)).text();
    expect((await fetch(`${s.baseUrl}/hello/x`)).status).toBe(429);
    s.setRateLimit(null);
    expect((await fetch(`${s.baseUrl}/hello/x`)).status).toBe(200);
  });

  it('counts concurrency violations', async () => {
    const s = await start({ rateLimit: { requests: 100, intervalMs: 1000, maxConcurrent: 1 } });
    const statuses = await Promise.all(
      [1, 2].map(async () => {
        const res = await fetch(`${s.baseUrl}/wait`);
        await res.text();
        return res.status;
      }),
    );
    expect(statuses.sort()).toEqual([200, 429]);
    expect(s.stats().violationsByReason.concurrency).toBe(1);
  });
});

describe('startSimulatorServer: faults', () => {
  const hello = (s: SimulatorServer, init?: RequestInit) => fetch(`${s.baseUrl}/hello/x`, init);

  it.each([
    ['http500', 500, 'application/json'],
    ['http502', 502, 'text/html'],
    ['http503', 503, 'text/html'],
    ['html500', 500, 'text/html'],
  ] as const)('%s replaces one answer with a %i error', async (kind, status, type) => {
    const s = await start();
    s.injectNext(kind);
    const res = await hello(s);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain(type);
    const body = await res.text();
    if (kind === 'html500') expect(body).toBe(DJANGO_500_HTML);
    if (kind === 'http503') expect(res.headers.get('retry-after')).toBe('1');
    // The fault was for that request only: a retry gets the real answer.
    expect((await hello(s)).status).toBe(200);
    expect(s.stats().faultsInjected[kind]).toBe(1);
  });

  it('timeout holds past a client timeout, then answers 504', async () => {
    const s = await start({ faults: { timeoutMs: 300 } });
    s.injectNext('timeout');
    await expect(hello(s, { signal: AbortSignal.timeout(100) })).rejects.toThrow(/timeout|aborted/i);
    s.injectNext('timeout');
    const t0 = performance.now();
    const res = await hello(s);
    expect(res.status).toBe(504);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    await res.text();
    await sleep(20);
    expect(s.stats().status.none).toBe(1);
  });

  it('close() ends a held request at once, even with the 30 s default', async () => {
    const s = await start();
    s.injectNext('timeout');
    const pending = hello(s).then(
      () => 'answered',
      () => 'failed',
    );
    await sleep(50);
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('reset drops the connection', async () => {
    const s = await start();
    s.injectNext('reset');
    await expect(hello(s)).rejects.toThrow(TypeError);
    expect((await hello(s)).status).toBe(200);
  });

  it('truncated sends half the promised body, then closes', async () => {
    const s = await start();
    s.injectNext('truncated');
    const res = await hello(s);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(10);
    await expect(res.text()).rejects.toThrow();
  });

  it('malformed sends a well-framed body that is not JSON', async () => {
    const s = await start();
    s.injectNext('malformed');
    const res = await hello(s);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body.length).toBe(Number(res.headers.get('content-length')));
    expect(() => JSON.parse(body)).toThrow(SyntaxError);
  });

  it('emptyBody answers 200 with nothing in it', async () => {
    const s = await start();
    s.injectNext('emptyBody');
    const res = await hello(s);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('slow delays the real answer', async () => {
    const s = await start({ faults: { slowMs: 150 } });
    s.injectNext('slow');
    const t0 = performance.now();
    const res = await hello(s);
    expect(await res.json()).toEqual({ hello: 'x', q: null });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('draws random faults from the seed: same seed, same faults', async () => {
    const run = async (seed: number) => {
      const s = await start({ faults: { rate: 0.5, kinds: ['http500', 'http503', 'emptyBody'], seed } });
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await hello(s);
        out.push(`${res.status}:${(await res.text()).length > 0}`);
      }
      const faults = s.stats().faultsInjected;
      return { out, total: faults.http500 + faults.http503 + faults.emptyBody };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a.out).toEqual(b.out);
    expect(c.out).not.toEqual(a.out);
    expect(a.total).toBeGreaterThan(5);
    expect(a.total).toBeLessThan(25);
  });

  it('forced faults come first, and setFaults(null) stops random ones', async () => {
    const s = await start({ faults: { rate: 1, kinds: ['http502'] } });
    s.injectNext('http500', 2);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await hello(s);
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toEqual([500, 500, 502]);
    s.setFaults(null);
    expect((await hello(s)).status).toBe(200);
  });

  it('schemaChange rewrites 2xx JSON bodies only', async () => {
    const s = await start({
      faults: { schemaChange: true },
      schemaChange: (body) => ({ ...(body as object), drifted: true }),
    });
    expect(await (await hello(s)).json()).toEqual({ hello: 'x', q: null, drifted: true });
    expect(await (await fetch(`${s.baseUrl}/nope`)).json()).toEqual({ detail: 'Not found.' });
    expect(s.stats().schemaChanged).toBe(1);
  });

  it('refuses unknown kinds and rates outside 0..1', async () => {
    const s = await start();
    expect(() => s.injectNext('meteor' as FaultKind)).toThrow(RangeError);
    expect(() => s.setFaults({ rate: 1.5 })).toThrow(RangeError);
  });
});
