import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NOTIFY_EVENTS,
  type NotificationMessage,
  type NotifyTarget,
  type ResolvedConfig,
  verifyWebhookSignature,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliProject, cliProject } from '../test-support/project.js';
import { createNotificationDispatcher } from './dispatcher.js';

const SECRET = 'whsec_loopback_test_secret_0001';
const DAY_MS = 24 * 60 * 60_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  at: Date;
}

/** A loopback receiver that answers 500 to its first `failFirst` requests, then 204. */
async function startReceiver(clockNow: () => Date, failFirst: number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = received.length < failFirst ? 500 : 204;
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
        at: clockNow(),
      });
      res.writeHead(status).end(status === 500 ? 'receiver down' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sim: NihSimulator;
let project: CliProject;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 3, projectsPerWeek: 10, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.setFaults(null);
  project = await cliProject(sim);
  receiver = await startReceiver(() => project.clock.now(), 2);
});
afterEach(async () => {
  await receiver.close();
  await project.dispose();
});

function withWebhook(config: ResolvedConfig, url: string, dailyBudget: number): ResolvedConfig {
  const target: NotifyTarget = {
    name: 'ops',
    url,
    events: new Set(NOTIFY_EVENTS),
    secret: SECRET,
    timeoutMs: 2000,
  };
  return {
    ...config,
    notify: [target],
    serviceSecrets: [...config.serviceSecrets, SECRET],
    run: { ...config.run, notifyAfterFailures: 2 },
    sources: config.sources.map((s) => ({ ...s, quota: { ...s.quota, dailyBudget } })),
  };
}

describe('webhook notifications through the runner', () => {
  it('delivers every event once, signed, across a receiver that fails twice then succeeds', async () => {
    project.config = withWebhook(project.config, receiver.url, 100_000);
    const run = async (argv: string[]) => {
      const result = await project.run(argv);
      expect(result.stderr).not.toContain(SECRET);
      expect(result.stdout).not.toContain(SECRET);
      return result;
    };
    await run(['assets', 'report', 'bulk_enrichment', '--status', 'success']);
    expect((await run(['run'])).code).toBe(0); // run.finished
    await run(['assets', 'report', 'bulk_enrichment', '--status', 'failure', '-m', 'extract truncated']);
    await run(['assets', 'report', 'bulk_enrichment', '--status', 'success']); // paused, resumed
    project.clock.advance(8 * DAY_MS); // past the 7d SLA: three gaps open
    sim.setFaults({ rate: 1, kinds: ['malformed'] });
    await run(['run', '--force']); // sla_gap.opened x3 (seen at its end)
    await run(['run', '--force']); // partition.failed_repeatedly x3
    sim.setFaults(null);
    expect((await run(['run', '--force'])).code).toBe(0); // sla_gap.closed x3
    const store = await openSqliteStore({ path: (project.config.store as { path: string }).path });
    try {
      const source = project.config.sources[0]?.source.id ?? '';
      const day = project.clock.now().toISOString().slice(0, 10);
      await store.consumeQuota(source, day, 100_000, null);
      await run(['run', '--force']); // quota.spent

      // The receiver failed the first two attempts: retry until the outbox is empty.
      const dispatcher = createNotificationDispatcher({
        store,
        targets: project.config.notify,
        clock: project.clock,
      });
      for (let i = 0; i < 10 && (await store.listNotifications({ state: 'pending' })).length > 0; i++) {
        project.clock.advance(2 * 60 * 60_000);
        await dispatcher.deliverDue();
      }
      const outbox = await store.listNotifications({ limit: 1000 });
      expect(outbox.every((n) => n.state === 'delivered')).toBe(true);
      expect(outbox.some((n) => n.attempts > 1)).toBe(true);
      expect(JSON.stringify(outbox)).not.toContain(SECRET);
    } finally {
      await store.close();
    }

    expect(receiver.received.filter((r) => r.status === 500)).toHaveLength(2);
    const delivered = receiver.received.filter((r) => r.status === 204);
    for (const r of receiver.received) {
      const verdict = verifyWebhookSignature({
        secret: SECRET,
        body: r.body,
        timestamp: r.headers['freshet-timestamp'] as string,
        signature: r.headers['freshet-signature'] as string,
        now: r.at,
      });
      expect(verdict).toEqual({ ok: true });
    }
    const messages = delivered.map((r) => JSON.parse(r.body) as NotificationMessage);
    const ids = messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const count = (event: string) => messages.filter((m) => m.event === event).length;
    expect(Object.fromEntries(NOTIFY_EVENTS.map((e) => [e, count(e)]))).toEqual({
      'run.finished': 5,
      'sla_gap.opened': 3,
      'sla_gap.closed': 3,
      'sensor.paused': 1,
      'sensor.resumed': 1,
      'quota.spent': 1,
      'partition.failed_repeatedly': 3,
    });
    const finished = messages.find((m) => m.event === 'run.finished');
    expect(finished?.text).toMatch(/^Freshet run run_\S+ succeeded/);
    expect(finished?.data).toMatchObject({
      changes: { api: expect.stringMatching(/^\/api\/runs\/run_\S+\/changes$/) },
    });
  });
});
