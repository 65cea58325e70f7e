import { describe, expect, it } from 'vitest';

// The fleet campaign of `pnpm bench fleet`, one scenario of it: the real PostgreSQL and Redis of
// the machine (127.0.0.1:5432 and :6379, as CI has them), three `freshet worker` processes, the
// four sources against simulators. It fails, never skips, when a service is missing. What it
// asserts is what must hold on any machine: the truth kept, the take-over, the fencing. The rate
// figures (achieved rate, breaches) depend on the machine's load and are the benchmark's to
// measure and report (docs/benchmarks.md), not a timed test's.
type FleetScenario = (setup: { workers: number; kill?: boolean; stop?: boolean; seed: number }) => Promise<{
  runStatus: string;
  quota: Record<string, { violations: number; requests: number }>;
  events: {
    kill?: { partitions: number; takeOverMs: number };
    stop?: { partitions: number; takeOverMs: number; leaseLostLines: number };
    exitedEarly?: unknown[];
  };
  expected: number;
  lost: number;
  duplicated: number;
  payloadMismatches: number;
  wronglyComplete: number;
  notComplete: number;
}>;

const fleet = new URL('../../../bench/fleet.mjs', import.meta.url).href;
const LEASE_TTL_MS = 3000;
const POLL_MS = 1000;

describe('freshet worker (built binary): three workers on Postgres and Redis', () => {
  it('one SIGKILLed and one SIGSTOPped past its lease mid-run: taken over, the stopped one commits nothing, the truth kept', async () => {
    const { scenario } = (await import(fleet)) as { scenario: FleetScenario };
    const result = await scenario({ workers: 3, kill: true, stop: true, seed: 4242 });

    expect(result.runStatus).toBe('succeeded');
    expect(result.events.exitedEarly).toBeUndefined();
    for (const [api, use] of Object.entries(result.quota)) expect(use.requests, api).toBeGreaterThan(0);
    const { kill, stop } = result.events;
    expect(kill?.partitions).toBeGreaterThan(0);
    expect(stop?.partitions).toBeGreaterThan(0);
    // Within the lease TTL plus one poll, give or take a slot of the taker's lane coming free; a
    // loaded machine (CI runs the other end-to-end tests beside this one) adds to it.
    expect(kill?.takeOverMs).toBeLessThan(LEASE_TTL_MS + POLL_MS + 10_000);
    expect(stop?.takeOverMs).toBeLessThan(LEASE_TTL_MS + POLL_MS + 10_000);
    // The stopped worker found its leases taken and let those partitions go.
    expect(stop?.leaseLostLines).toBeGreaterThan(0);
    expect(result.expected).toBeGreaterThan(500);
    expect({
      lost: result.lost,
      duplicated: result.duplicated,
      payloadMismatches: result.payloadMismatches,
      wronglyComplete: result.wronglyComplete,
      notComplete: result.notComplete,
    }).toEqual({ lost: 0, duplicated: 0, payloadMismatches: 0, wronglyComplete: 0, notComplete: 0 });
  }, 240_000);
});
