// One source's quota shared by several processes through @freshet/limiter-redis: N = 1, 2, 3
// node processes each open their own factory (their own Redis connection) on one prefix and send
// no-op tasks through one source limiter as fast as it lets them, for BENCH_QUOTA_SHARED_SECONDS
// (default 10) each. Per N: the total start rate achieved against the rate allowed, the closest
// two starts came (any processes), the most starts in any one interval and the most in flight.
// Target: the total rate <= allowed and >= 0.95 of it, whatever N.
// BENCH_QUOTA_SHARED_TASK_MS (default 0: no-op tasks) makes each task hold its slot for a random
// 0..2x that many ms, so maxConcurrent binds as well; BENCH_QUOTA_SHARED_JITTER_MS sets the
// limiter's jitterAllowanceMs (0: the exact spacing).
//
//   node bench/quota-shared.mjs          (Redis at FRESHET_BENCH_REDIS_URL, default 127.0.0.1:6379)
//
// Needs packages/limiter-redis built: pnpm --filter @freshet/limiter-redis build
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SECONDS = Number(process.env.BENCH_QUOTA_SHARED_SECONDS ?? 10);
const REDIS_URL = process.env.FRESHET_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PROCESS_COUNTS = [1, 2, 3];
// Each process keeps this many tasks waiting at all times, so the limiter never runs dry.
const LOOPS_PER_PROCESS = 4;
const TASK_MS = Number(process.env.BENCH_QUOTA_SHARED_TASK_MS ?? 0);
// The limiter's `jitterAllowanceMs`; unset: its default.
const JITTER_MS = process.env.BENCH_QUOTA_SHARED_JITTER_MS;
const QUOTA = {
  maxConcurrent: 2,
  requestsPerInterval: 10,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 10_000,
  retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
};
const ALLOWED_PER_SECOND = (QUOTA.requestsPerInterval * 1000) / QUOTA.intervalMs;
const LIMITER_DIST = new URL('../packages/limiter-redis/dist/index.js', import.meta.url);
const LIMITER_PACKAGE = fileURLToPath(new URL('../packages/limiter-redis/package.json', import.meta.url));
// Wall-clock milliseconds with a fraction: every process on this host shares the clock.
const now = () => performance.timeOrigin + performance.now();

/** The two quota methods of a store, in memory: without a daily budget only the count matters. */
function memoryQuotaStore() {
  let used = 0;
  return {
    consumeQuota: async (_source, _day, n) => {
      used += n;
      return { granted: true, used };
    },
    quotaUsed: async () => used,
  };
}

/** A child: one factory, one limiter, LOOPS_PER_PROCESS loops of no-op tasks until `endAt`. */
async function child({ prefix, startAt, endAt }) {
  const { openRedisLimiterFactory } = await import(LIMITER_DIST.href);
  const factory = await openRedisLimiterFactory({
    url: REDIS_URL,
    prefix,
    ...(JITTER_MS === undefined ? {} : { jitterAllowanceMs: Number(JITTER_MS) }),
  });
  const limiter = factory.create({ sourceId: 'bench', quota: QUOTA, store: memoryQuotaStore() });
  const spans = [];
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  const loop = async () => {
    while (Date.now() < endAt) {
      await limiter.schedule(async () => {
        const span = [now(), 0];
        spans.push(span);
        if (TASK_MS > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * TASK_MS));
        else await new Promise((resolve) => setImmediate(resolve));
        span[1] = now();
      });
    }
  };
  await Promise.all(Array.from({ length: LOOPS_PER_PROCESS }, loop));
  await limiter.stop();
  await factory.close();
  process.stdout.write(`${JSON.stringify({ spans })}\n`);
}

function runChild(setup) {
  const proc = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_QUOTA_SHARED_CHILD: JSON.stringify(setup) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (chunk) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`quota-shared child exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)).spans);
    });
  });
}

/** Most of `times` (sorted) within any window shorter than `windowMs`. */
function maxInWindow(times, windowMs) {
  let best = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

function maxInFlight(spans) {
  const edges = spans.flatMap(([start, end]) => [
    [start, 1],
    [end, -1],
  ]);
  // An end and a start at the same instant: the end first (the slot was free again).
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  let most = 0;
  for (const [, step] of edges) {
    inFlight += step;
    most = Math.max(most, inFlight);
  }
  return most;
}

async function deleteKeys(prefix) {
  const { Redis } = createRequire(LIMITER_PACKAGE)('ioredis');
  const redis = new Redis(REDIS_URL);
  try {
    for (const match of [`b_${prefix}:*`, `${prefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

async function measure(processes) {
  const prefix = `freshet-bench-${randomUUID().slice(0, 8)}`;
  // Time for every child to load and connect, so all start together.
  const startAt = Date.now() + 2000;
  const endAt = startAt + SECONDS * 1000;
  try {
    const perChild = await Promise.all(
      Array.from({ length: processes }, () => runChild({ prefix, startAt, endAt })),
    );
    const spans = perChild.flat();
    const starts = spans.map(([start]) => start).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((at, i) => at - starts[i]);
    const sortedGaps = [...gaps].sort((a, b) => a - b);
    // Intervals between starts, so the span's two ends do not add or drop a request.
    const perSecond = (starts.length - 1) / ((starts.at(-1) - starts[0]) / 1000);
    return {
      requests: starts.length,
      perProcess: perChild.map((s) => s.length).join(' / '),
      achievedPerSecond: Number(perSecond.toFixed(3)),
      allowedPerSecond: ALLOWED_PER_SECOND,
      ratio: Number((perSecond / ALLOWED_PER_SECOND).toFixed(3)),
      minSpacingMs: Number(sortedGaps[0].toFixed(2)),
      p1SpacingMs: Number(sortedGaps[Math.floor(sortedGaps.length * 0.01)].toFixed(2)),
      medianSpacingMs: Number(sortedGaps[Math.floor(sortedGaps.length / 2)].toFixed(2)),
      maxInAnyInterval: maxInWindow(starts, QUOTA.intervalMs),
      maxInFlight: maxInFlight(spans),
    };
  } finally {
    await deleteKeys(prefix);
  }
}

export async function benchQuotaShared() {
  if (!existsSync(LIMITER_DIST)) {
    throw new Error(
      `${fileURLToPath(LIMITER_DIST)} is missing; build first: pnpm --filter @freshet/limiter-redis build`,
    );
  }
  const byProcesses = {};
  for (const n of PROCESS_COUNTS) byProcesses[`${n} process${n > 1 ? 'es' : ''}`] = await measure(n);
  const rows = Object.values(byProcesses);
  return {
    name: 'quota-shared',
    setup: {
      seconds: SECONDS,
      quota: QUOTA,
      loopsPerProcess: LOOPS_PER_PROCESS,
      taskMs: TASK_MS,
      jitterAllowanceMs: JITTER_MS === undefined ? 'default (25)' : Number(JITTER_MS),
      redis: 'local',
    },
    seconds: SECONDS,
    minRatio: Math.min(...rows.map((r) => r.ratio)),
    maxRatio: Math.max(...rows.map((r) => r.ratio)),
    minSpacingMs: Math.min(...rows.map((r) => r.minSpacingMs)),
    target: 'for every N: total rate <= allowed and >= 0.95 of it',
    met: rows.every((r) => r.ratio >= 0.95 && r.ratio <= 1),
    // Stricter than the target: what an API counting a sliding window and in-flight requests sees.
    // Starts later than their reserved moment by more than the jitter allowance (25 ms; a loaded
    // machine descheduling a process) can put one start too many into one interval.
    intervalAndConcurrencyKept: rows.every(
      (r) => r.maxInAnyInterval <= QUOTA.requestsPerInterval && r.maxInFlight <= QUOTA.maxConcurrent,
    ),
    byProcesses,
  };
}

const setup = process.env.BENCH_QUOTA_SHARED_CHILD;
if (setup) {
  await child(JSON.parse(setup));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchQuotaShared();
  const { byProcesses, setup: _setup, ...figures } = result;
  console.table(figures);
  console.table(byProcesses);
  console.log(JSON.stringify(result, null, 2));
}
