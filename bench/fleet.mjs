// `pnpm bench fleet`: `freshet worker` processes sharing one Postgres store and one Redis limiter
// run the four sources against simulators that enforce (and count breaches of) each source's
// rate. Scenarios: 1, 2 and 3 workers (quota use), then 3 workers with one SIGKILLed and one
// SIGSTOPped past its lease mid-run (take-over time, and nothing committed by the stopped one).
// Every scenario ends with the store compared with the simulators' truth.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { apisConfigText } from './chaos/project.mjs';
import { startChaosApis } from './chaos/simulators.mjs';
import { compareWithTruth } from './chaos/verify-store.mjs';
import { assertCliBuilt, CLI_PATH } from './workspace.mjs';

const DATABASE_URL = process.env.FRESHET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.FRESHET_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** `memory` runs the fleet with per-process limits, to show what the shared limiter prevents. */
const LIMITER = process.env.FRESHET_BENCH_LIMITER ?? 'redis';
/** Each source's allowed rate, which the simulators enforce too. */
const RATE = 8;
const LEASE_TTL_SECONDS = 3;
const POLL_SECONDS = 1;
const SCALE = 3;
const RUN_TIMEOUT_MS = Number(process.env.FRESHET_BENCH_RUN_TIMEOUT_MS ?? 180_000);
const QUOTA = {
  maxConcurrent: 2,
  requestsPerInterval: RATE,
  intervalMs: 1000,
  timeoutMs: 5000,
  retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 3000 },
};

function configText(apis, schema) {
  const limiter =
    LIMITER === 'memory'
      ? "{ use: 'memory' }"
      : `{ use: 'redis', url: ${JSON.stringify(REDIS_URL)}, prefix: '${schema}' }`;
  return apisConfigText(apis, {
    quota: QUOTA,
    settings: `  store: { use: 'postgres', url: ${JSON.stringify(DATABASE_URL)}, schema: '${schema}' },
  limiter: ${limiter},
  state: { path: 'data/state/enrichment_refresh_state.json' },
  sensor: { upstreamAssets: ['bulk'], intervalSeconds: 1 },
  run: { leaseTtlSeconds: ${LEASE_TTL_SECONDS} },`,
  });
}

function freshet(dir, argv) {
  const child = spawn(process.execPath, [CLI_PATH, ...argv], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, FRESHET_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { child, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => {
    out.stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    out.stderr += chunk;
  });
  out.done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return out;
}

async function until(what, check, timeoutMs = RUN_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The active window's rate of each API's requests, and the simulators' breach counts. */
function quotaUse(apis) {
  const use = {};
  for (const [name, proxy] of Object.entries(apis.proxies)) {
    const times = proxy.requests.map((r) => r.at).sort((a, b) => a - b);
    const seconds = times.length > 1 ? (times.at(-1) - times[0]) / 1000 : 0;
    const achieved = seconds > 0 ? (times.length - 1) / seconds : 0;
    const stats = apis.sims[name].stats();
    let most = 0;
    let closest = Number.POSITIVE_INFINITY;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j++;
      most = Math.max(most, i - j + 1);
      if (i > 0) closest = Math.min(closest, times[i] - times[i - 1]);
    }
    const firstStarts = times.slice(0, 4).map((t) => t - times[0]);
    use[name] = {
      mostInAnySecond: most,
      closestMs: Number.isFinite(closest) ? closest : null,
      firstStartsMs: firstStarts,
      requests: times.length,
      seconds: Number(seconds.toFixed(2)),
      achievedPerSecond: Number(achieved.toFixed(2)),
      ofAllowed: Number((achieved / RATE).toFixed(3)),
      violations: stats.violations,
      throttled: stats.throttled,
    };
  }
  return use;
}

/** Restarts PostgreSQL and then Redis with the machine's own commands (as root, as CI runs). */
async function restartServices(events) {
  const run = (command, args) =>
    new Promise((resolve) => {
      const child = spawn(command, args, { stdio: 'ignore' });
      child.on('close', resolve);
      child.on('error', () => resolve(null));
    });
  const cluster = readdirSync('/etc/postgresql')[0];
  let at = Date.now();
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'restart']);
  events.postgresRestartMs = Date.now() - at;
  await sleep(1000);
  at = Date.now();
  await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'shutdown', 'nosave']);
  await sleep(500);
  await run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '-::1',
    '--port',
    '6379',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    '/var/lib/redis',
    '--logfile',
    '/var/log/redis/ci.log',
  ]);
  events.redisDownMs = Date.now() - at;
}

export async function scenario({ workers, kill = false, stop = false, restart = false, seed }) {
  const schema = `fleet_${process.pid}_${seed}`;
  const apis = await startChaosApis({
    seed,
    faults: null,
    scale: SCALE,
    rateLimit: { requests: RATE, intervalMs: 1000 },
  });
  const dir = await mkdtemp(join(tmpdir(), 'freshet-fleet-'));
  await mkdir(join(dir, 'config'));
  await writeFile(join(dir, 'config', 'freshet.config.mjs'), configText(apis, schema));
  // A pool, not one client: it connects again after the database restarts.
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  db.on('error', () => {});
  const q = async (text, values) => (await db.query(text.replaceAll('$S.', `"${schema}".`), values)).rows;
  const procs = [];
  try {
    const migrate = freshet(dir, ['store', 'migrate']);
    if ((await migrate.done).code !== 0) throw new Error(`store migrate failed: ${migrate.stderr}`);
    for (let i = 0; i < workers; i++) procs.push(freshet(dir, ['worker', '--poll', String(POLL_SECONDS)]));
    await until(
      'every worker registered',
      async () =>
        (
          await q(
            `select count(*)::int as n from $S.leases where partition_key like 'freshet-worker:%' and expires_at > $1`,
            [Date.now()],
          )
        )[0].n === workers,
    );
    const startedAt = Date.now();
    const report = freshet(dir, ['assets', 'report', 'bulk', '--status', 'success']);
    await report.done;
    const runId = await until(
      'the run',
      async () => (await q(`select id from $S.runs where plan is not null`))[0]?.id,
    );
    const events = {};
    const partitionsOf = async (holder) =>
      (
        await q(
          `select partition_key from $S.leases where holder = $1 and expires_at > $2 and partition_key not like 'freshet-%'`,
          [holder, Date.now()],
        )
      ).map((r) => r.partition_key);
    const followers = async () => {
      const leader = (
        await q(`select holder from $S.leases where partition_key = 'freshet-daemon' and expires_at > $1`, [
          Date.now(),
        ])
      )[0]?.holder;
      const rows = await q(
        `select holder, count(*)::int as n from $S.leases where expires_at > $1 and partition_key not like 'freshet-%' group by holder`,
        [Date.now()],
      );
      return rows.filter((r) => r.holder !== leader && r.holder !== runId && r.n > 0).map((r) => r.holder);
    };
    const pidOf = (holder) => Number(holder.split(':').at(-2));
    const takenOver = async (keys, gone) => {
      const rows = await q(
        `select partition_key, holder, expires_at from $S.leases where partition_key = any($1)`,
        [keys],
      );
      const done = await q(
        `select partition_key from $S.checkpoints where partition_key = any($1) and status = 'complete'`,
        [keys],
      );
      const finished = new Set(done.map((r) => r.partition_key));
      return keys.every(
        (k) =>
          finished.has(k) ||
          rows.some((r) => r.partition_key === k && r.holder !== gone && Number(r.expires_at) > Date.now()),
      );
    };

    if (kill || stop) {
      const victims = await until(
        'two followers holding partitions',
        async () => {
          const list = await followers();
          return list.length >= (kill && stop ? 2 : 1) ? list : null;
        },
        60_000,
      );
      if (kill) {
        const victim = victims[0];
        const held = await partitionsOf(victim);
        const at = Date.now();
        procs.find((p) => p.child.pid === pidOf(victim))?.child.kill('SIGKILL');
        await until('the killed worker’s partitions taken over', () => takenOver(held, victim), 60_000);
        events.kill = { worker: victim, partitions: held.length, takeOverMs: Date.now() - at };
      }
      if (stop) {
        // Chosen now, not with the kill's victim: by the time the kill's partitions are taken over,
        // a follower picked then may have finished its own and hold none.
        const victim = await until(
          'a follower (not the killed one) holding partitions',
          async () => (await followers()).find((v) => v !== events.kill?.worker) ?? null,
          60_000,
        );
        const proc = procs.find((p) => p.child.pid === pidOf(victim));
        if (victim && proc) {
          const held = await partitionsOf(victim);
          const at = Date.now();
          proc.child.kill('SIGSTOP');
          await until(
            'the stopped worker’s partitions taken over',
            () => takenOver(held, victim),
            60_000,
          ).catch(async (err) => {
            const leases = await q(
              `select partition_key, holder, expires_at - $2 as ms_left from $S.leases where partition_key = any($1)`,
              [held, Date.now()],
            );
            const cps = await q(
              `select partition_key, status, run_id from $S.checkpoints where partition_key = any($1)`,
              [held],
            );
            const results = await q(
              `select partition_key, status, error from $S.run_partitions where partition_key = any($1)`,
              [held],
            );
            throw new Error(
              `${err.message}: leases ${JSON.stringify(leases)}, checkpoints ${JSON.stringify(cps)}, results ${JSON.stringify(results)}`,
            );
          });
          const takeOverMs = Date.now() - at;
          await sleep(1000);
          proc.child.kill('SIGCONT');
          events.stop = { worker: victim, partitions: held.length, takeOverMs, stoppedMs: Date.now() - at };
        }
      }
    }

    if (restart) {
      await until(
        'the first partitions complete',
        async () =>
          (await q(`select count(*)::int as n from $S.checkpoints where status = 'complete'`))[0].n >= 2,
      );
      await restartServices(events);
    }

    const run = await until('the run to end', async () => {
      const row = (await q(`select status from $S.runs where id = $1`, [runId]))[0];
      return row && row.status !== 'running' ? row : null;
    });
    const seconds = (Date.now() - startedAt) / 1000;
    // A worker that ended by itself (not the one killed on purpose) is a finding.
    for (const p of procs) {
      if (p.child.exitCode !== null && p.child.pid !== (events.kill ? pidOf(events.kill.worker) : -1)) {
        events.exitedEarly ??= [];
        events.exitedEarly.push({
          pid: p.child.pid,
          code: p.child.exitCode,
          last: p.stderr.split('\n').slice(-40),
        });
      }
    }
    if (run.status !== 'succeeded') {
      const detail = (await q(`select status, error from $S.runs where id = $1`, [runId]))[0];
      events.runError = detail?.error ?? null;
      events.partitionStatuses = await q(
        `select status, count(*)::int as n from $S.run_partitions where run_id = $1 group by status`,
        [runId],
      );
    }
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => Promise.race([p.done, sleep(15_000)])));
    if (restart) {
      const logs = procs.map((p) => p.stderr).join('');
      events.outageLines = (logs.match(/waiting for it to come back/g) ?? []).length;
      events.recoveredLines = (logs.match(/answering again; going on/g) ?? []).length;
    }
    if (events.stop) {
      const proc = procs.find((p) => p.child.pid === pidOf(events.stop.worker));
      events.stop.leaseLostLines = (
        proc?.stderr.match(/LEASE_LOST|passed to another holder|passed from/g) ?? []
      ).length;
    }

    const rows = await q(
      `select source, key, partition_key, revision, payload from $S.records where status != 'not_found'`,
    );
    const checkpoints = new Map(
      (await q(`select partition_key, status from $S.checkpoints`)).map((c) => [c.partition_key, c.status]),
    );
    const verdict = compareWithTruth(rows, checkpoints, apis.truth);
    return {
      workers,
      kill,
      stop,
      restart,
      runStatus: run.status,
      seconds: Number(seconds.toFixed(1)),
      quota: quotaUse(apis),
      events,
      expected: verdict.expected,
      lost: verdict.lost.length,
      duplicated: verdict.rewritten.length + verdict.wrongPartition.length + verdict.unexpected.length,
      payloadMismatches: verdict.payloadMismatches.length,
      wronglyComplete: verdict.wronglyComplete.length,
      notComplete: verdict.notComplete.length,
    };
  } catch (err) {
    // What the workers said is the first thing to read when a scenario fails.
    for (const [i, p] of procs.entries()) {
      console.error(`--- worker ${i + 1} (pid ${p.child.pid}), last lines:`);
      console.error(p.stderr.split('\n').slice(-15).join('\n'));
    }
    throw err;
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
    await db.end().catch(() => {});
    await apis.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchFleet() {
  assertCliBuilt();
  const seed = Date.now() % 100_000;
  const scenarios = [];
  for (const [i, setup] of [
    { workers: 1 },
    { workers: 2 },
    { workers: 3 },
    { workers: 3, kill: true, stop: true },
    // Last: the restarts end every other connection to PostgreSQL and Redis on the machine.
    { workers: 3, restart: true },
  ].entries()) {
    const result = await scenario({ ...setup, seed: seed + i });
    console.log(
      `fleet: ${setup.workers} worker(s)${setup.kill ? ', one killed, one stopped' : ''}${setup.restart ? ', Postgres and Redis restarted' : ''}: ${result.runStatus} in ${result.seconds} s; ` +
        Object.entries(result.quota)
          .map(([name, u]) => `${name} ${u.ofAllowed} of allowed, ${u.violations} violations`)
          .join('; ') +
        `; lost ${result.lost}, duplicated ${result.duplicated}, wrongly complete ${result.wronglyComplete}` +
        (result.events.kill ? `; take-over after kill ${result.events.kill.takeOverMs} ms` : '') +
        (result.events.stop ? `; after stop ${result.events.stop.takeOverMs} ms` : ''),
    );
    scenarios.push(result);
  }
  const busiest = (s) => Math.min(...['nih', 'usaspending'].map((n) => s.quota[n].ofAllowed));
  return {
    name: 'fleet',
    allowedPerSecond: RATE,
    leaseTtlSeconds: LEASE_TTL_SECONDS,
    pollSeconds: POLL_SECONDS,
    scenarios,
    targets: {
      violations: 0,
      ofAllowedBusiestSources: '>= 0.95',
      lost: 0,
      duplicated: 0,
      wronglyComplete: 0,
      takeOverMs: `<= ${(LEASE_TTL_SECONDS + POLL_SECONDS) * 1000} + a pass`,
    },
    met: {
      violations: scenarios.every((s) => Object.values(s.quota).every((u) => u.violations === 0)),
      rate: scenarios.filter((s) => !s.kill && !s.restart).every((s) => busiest(s) >= 0.95),
      truth: scenarios.every(
        (s) => s.lost === 0 && s.duplicated === 0 && s.wronglyComplete === 0 && s.runStatus === 'succeeded',
      ),
    },
  };
}
