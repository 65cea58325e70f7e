// One chaos run: APIs with faults, `freshet run` killed with SIGKILL at a random moment (once, or
// twice), then (in most runs) once more at a random step of its state artifact write, resumed with
// `freshet run` until a run succeeds with every partition complete, then the store compared with
// the truth, the request logs checked for repeated calls, and any run refused after a kill counted.
import { ARTIFACT_WRITE_STEPS } from '@freshet/core';
import { countRepeats } from './count-repeats.mjs';
import { CLIENT_TIMEOUT_MS, createProject, PARALLEL_PARTITIONS } from './project.mjs';
import { FAULT_KINDS, startChaosApis } from './simulators.mjs';
import { verifyStore } from './verify-store.mjs';

const MAX_PROCESSES = 10;
// The runner kills itself with SIGKILL right after the artifact write step FRESHET_CRASH_AT names.
const ARTIFACT_STEPS = ARTIFACT_WRITE_STEPS;
// What `freshet run` exits with when it refuses to start (a state artifact it cannot trust, …).
const EXIT_REFUSED = 3;

/** mulberry32: small, seeded, good enough to pick moments and rates. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves true once the APIs have seen `count` requests in all, false if `until.done` first. */
function requestsReached(apis, count, until) {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (apis.requests() >= count || until.done) {
        clearInterval(poll);
        resolve(!until.done);
      }
    }, 2);
  });
}

/**
 * Kills `child` once the APIs have seen up to `within` more requests (0: after a random moment of
 * start-up, before any request), plus up to 40 ms so the kill also lands between a request and
 * its commit.
 */
function armKill(child, apis, random, within, record) {
  const afterRequests = Math.floor(random() * within);
  const base = apis.requests();
  const jitterMs = afterRequests === 0 ? random() * 700 : random() * 40;
  record.killPlanned =
    afterRequests === 0 ? `start-up +${Math.round(jitterMs)} ms` : `request ${afterRequests}`;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(poll);
        resolve(false);
      } else if (apis.requests() - base >= afterRequests) {
        clearInterval(poll);
        setTimeout(() => resolve(child.kill('SIGKILL')), jitterMs);
      }
    }, 2);
  });
}

/** Why a run exited 1: its failed partitions and their errors, from `freshet run --json`. */
function failedPartitions(stdout) {
  try {
    return JSON.parse(stdout)
      .partitions.filter((p) => p.status !== 'complete' && p.status !== 'skipped')
      .map((p) => `${p.partitionKey} ${p.status} ${p.error?.code ?? ''} ${p.error?.message ?? ''}`.trim());
  } catch {
    return [stdout.slice(-500)];
  }
}

export async function chaosRun(seed) {
  const random = rng(seed);
  const faultRate = 0.05 + random() * 0.2;
  const kills = random() < 0.3 ? 2 : 1;
  const storms = random() < 0.5 ? 1 + Math.floor(random() * 2) : 0;
  // The kill during the artifact write comes after the random kills, in the first run that gets
  // that far (a run with failed partitions writes no artifact).
  let artifactStep = random() < 0.75 ? ARTIFACT_STEPS[Math.floor(random() * ARTIFACT_STEPS.length)] : null;
  const apis = await startChaosApis({
    seed,
    faults: { rate: faultRate, kinds: FAULT_KINDS, seed, timeoutMs: CLIENT_TIMEOUT_MS + 1100 },
  });
  const project = await createProject(apis);
  const started = Date.now();
  const processes = [];
  // Storms start at a random request of the run, so they meet traffic rather than start-up, and
  // throttle every API at once.
  const stormAt = Array.from({ length: storms }, () => Math.floor(random() * 50));
  const runs = { done: false };
  const stormsDone = stormAt.map(async (atRequest) => {
    if (await requestsReached(apis, atRequest, runs)) await apis.storm(3000);
  });
  let killsLeft = kills;
  let finished = false;
  try {
    while (!finished && processes.length < MAX_PROCESSES) {
      await project.leasesExpired();
      const crashAt = killsLeft === 0 && artifactStep !== null ? `artifact:${artifactStep}` : null;
      const run = project.spawnRun(crashAt === null ? {} : { FRESHET_CRASH_AT: crashAt });
      const record = { startedAt: Date.now(), killed: false, code: null, ...(crashAt ? { crashAt } : {}) };
      processes.push(record);
      // A resumed run has less left to do: its kill comes sooner.
      const killing =
        killsLeft > 0 && armKill(run.child, apis, random, killsLeft === kills ? 40 : 12, record);
      const exit = await run.done;
      await killing;
      record.code = exit.signal ?? exit.code;
      // Killed only if the signal ended it: a run may finish just as the kill is sent.
      record.killed = exit.signal === 'SIGKILL';
      if (record.killed && crashAt !== null) {
        record.killPlanned = crashAt;
        artifactStep = null;
        continue;
      }
      if (record.killed) {
        killsLeft--;
        continue;
      }
      if (crashAt !== null) delete record.crashAt;
      // Every kill must leave the next run free to start: a refusal here is a failure.
      if (exit.code === EXIT_REFUSED) record.refused = exit.stderr.slice(-2000) || exit.stdout.slice(-2000);
      if (exit.code === 1) record.failed = failedPartitions(exit.stdout);
      else if (exit.code !== 0) record.stderr = exit.stderr.slice(-2000);
      // Done when a run succeeds with nothing left to do: every partition complete. (A second
      // kill that found no run long enough to land in is dropped.)
      finished = exit.code === 0 && verifyStore(project.storePath, apis.truth).notComplete.length === 0;
    }
    runs.done = true;
    await Promise.all(stormsDone);
    const store = verifyStore(project.storePath, apis.truth);
    const calls = countRepeats(apis, processes);
    const simStats = Object.values(apis.sims).map((sim) => sim.stats());
    return {
      seed,
      faultRate: Number(faultRate.toFixed(3)),
      storms,
      seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
      processes: processes.map(({ startedAt: _s, ...p }) => p),
      kills: processes.filter((p) => p.killed).length,
      artifactKills: processes.filter((p) => p.killed && p.crashAt).length,
      refusedAfterKill: processes.filter((p) => p.refused).length,
      resumes: processes.length - 1,
      finished,
      faultsByKind: Object.fromEntries(
        FAULT_KINDS.map((kind) => [kind, simStats.reduce((sum, s) => sum + s.faultsInjected[kind], 0)]),
      ),
      faultsInjected: simStats.reduce(
        (sum, s) => sum + Object.values(s.faultsInjected).reduce((a, b) => a + b, 0),
        0,
      ),
      throttled: simStats.reduce((sum, s) => sum + s.throttled, 0),
      simulatorRequests: simStats.reduce((sum, s) => sum + s.requests, 0),
      ...calls,
      // A kill during the artifact write has no request in flight.
      inFlightBound: processes.filter((p) => p.killed && !p.crashAt).length * PARALLEL_PARTITIONS,
      store,
    };
  } finally {
    await apis.close();
    await project.dispose();
  }
}
