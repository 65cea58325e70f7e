// A zero-latency paged JSON API on loopback. Page bodies are built once, so serving costs the
// same for every client measured against it.
import { createServer } from 'node:http';

export function item(cohort, i) {
  return {
    id: `${cohort}-${String(i).padStart(7, '0')}`,
    cohort,
    title: `Award ${i} for ${cohort}`,
    amount: (i * 7919) % 1_000_000,
    recipient: { name: `Recipient ${i % 997}`, uei: `U${String(i % 99991).padStart(11, '0')}`, state: 'VA' },
    dates: { start: '2025-01-01', end: '2026-01-01' },
    tags: ['sbir', i % 2 ? 'phase-1' : 'phase-2'],
  };
}

export async function startBenchApi({ cohorts, perCohort, pageSize, cache = true }) {
  const pages = new Map();
  const body = (cohort, page) => {
    const key = `${cohort}#${page}`;
    let buf = cache ? pages.get(key) : undefined;
    if (!buf) {
      const items = [];
      for (let i = page * pageSize; i < Math.min(perCohort, (page + 1) * pageSize); i++)
        items.push(item(cohort, i));
      buf = Buffer.from(JSON.stringify({ total: perCohort, page, items }));
      if (cache) pages.set(key, buf);
    }
    return buf;
  };
  if (cache) for (const cohort of cohorts) for (let p = 0; p * pageSize < perCohort; p++) body(cohort, p);
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url, 'http://x');
    const buf = body(url.searchParams.get('cohort'), Number(url.searchParams.get('page')));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': buf.length }).end(buf);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
