import { createServer, type Server } from 'node:net';
import { COMPANION_API_KEY, type PatentsViewSimulator, type SamGovSimulator } from '@freshet/testkit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPANIONS, nextSlot, placeCompanions } from './companions.js';
import { startSimulatorSet } from './simulator-set.js';

const SIM = { kind: 'sim', seed: 1 } as const;

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A base with `count` free ports after it (checked by listening on them). */
async function freePortBase(count = 4): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const servers = await Promise.all(
      Array.from({ length: count }, (_, i) => listen(base + i).catch(() => null)),
    );
    await Promise.all(servers.map((s) => (s ? close(s) : undefined)));
    if (servers.every((s) => s !== null)) return base;
  }
}

describe('startSimulatorSet', () => {
  it('starts the four simulators on consecutive ports from a base, with ranges covering their data', async () => {
    const base = await freePortBase();
    const sims = await startSimulatorSet(DEFAULT_COMPANIONS, SIM, base);
    try {
      expect(sims.list().map((s) => [s.sourceId, s.simulator.baseUrl])).toEqual([
        ['nih', `http://127.0.0.1:${base}`],
        ['sam_gov', `http://127.0.0.1:${base + 1}`],
        ['usaspending', `http://127.0.0.1:${base + 2}`],
        ['patentsview', `http://127.0.0.1:${base + 3}`],
      ]);
      const ranges = Object.fromEntries(
        sims.entries.map((e) => [e.sourceId, e.companion.range?.(e.simulator)] as const),
      );
      expect(ranges).toEqual({
        nih: '2024-W01..2024-W08',
        sam_gov: undefined,
        usaspending: '2022..2024',
        patentsview: '2024-01..2024-03',
      });
      const simulator = (id: string) => sims.list().find((s) => s.sourceId === id)!.simulator;
      expect((simulator('sam_gov') as SamGovSimulator).apiKey).toBe(COMPANION_API_KEY);
      expect((simulator('patentsview') as PatentsViewSimulator).apiKey).toBe(COMPANION_API_KEY);
    } finally {
      await sims.close();
    }
  });

  it('serves each on its slot, so a first-party simulator keeps its port whichever others are served', async () => {
    const base = await freePortBase(6);
    const usaspending = DEFAULT_COMPANIONS.find((c) => c.companion.sourceId === 'usaspending')!;
    const sbir = {
      ...DEFAULT_COMPANIONS[0]!,
      companion: { ...DEFAULT_COMPANIONS[0]!.companion, sourceId: 'sbir' },
    };
    const companions = placeCompanions([usaspending], [sbir]);
    expect(nextSlot(companions)).toBe(5);
    const sims = await startSimulatorSet(companions, SIM, base);
    try {
      expect(sims.list().map((s) => [s.sourceId, s.simulator.baseUrl])).toEqual([
        ['usaspending', `http://127.0.0.1:${base + 2}`],
        ['sbir', `http://127.0.0.1:${base + 4}`],
      ]);
    } finally {
      await sims.close();
    }
  });

  it('closes those it started when one cannot listen', async () => {
    const base = await freePortBase();
    const blocker = await listen(base + 2);
    try {
      await expect(startSimulatorSet(DEFAULT_COMPANIONS, SIM, base)).rejects.toThrow(/EADDRINUSE/);
      // nih and sam_gov were started and closed again: their ports are free.
      await Promise.all([listen(base), listen(base + 1)].map(async (p) => close(await p)));
    } finally {
      await close(blocker);
    }
  });
});
