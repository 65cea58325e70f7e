import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPANION_API_KEY } from '@freshet/testkit';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cli } from '../test-support/cli.js';

// The first hour: `freshet init`, then the starter config run offline against `freshet sim`
// by uncommenting the simulator lines of its .env, as the .env says to.
let temp: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'freshet-init-sim-'));
});
afterEach(async () => {
  // The config loads its .env into process.env, as it does in the CLI.
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  await rm(temp, { recursive: true, force: true });
});

/** Waits until `url` answers at all. */
async function reachable(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never answered`);
}

it('runs the starter config against freshet sim once its .env points there', async () => {
  const init = await cli(['init', '--sources', 'nih,usaspending,patentsview'], { cwd: temp });
  expect(init.code, init.stderr).toBe(0);

  // Ports of our own, so the test never meets another `freshet sim` on the default ones.
  const portBase = 20_000 + Math.floor(Math.random() * 20_000);
  const stop = new AbortController();
  const sim = cli(
    [
      'sim',
      '--port-base',
      String(portBase),
      '--size',
      'nih.projectsPerWeek=20',
      '--size',
      'patentsview.patentsPerMonth=30',
      '--size',
      'usaspending.fiscalYears=1',
    ],
    { cwd: temp, env: process.env, signals: { stop: stop.signal, abort: new AbortController().signal } },
  );
  try {
    const envFile = join(temp, '.env');
    const env = (await readFile(envFile, 'utf8'))
      .replace(
        /^# (\w+_BASE_URL)=http:\/\/127\.0\.0\.1:(\d+)$/gm,
        (_, name: string, port: string) => `${name}=http://127.0.0.1:${Number(port) - 7400 + portBase}`,
      )
      .replace(/^PATENTSVIEW_API_KEY=$/m, `PATENTSVIEW_API_KEY=${COMPANION_API_KEY}`);
    expect(env.match(/^\w+_BASE_URL=/gm)).toHaveLength(3);
    await writeFile(envFile, env);
    for (const [, url] of env.matchAll(/^\w+_BASE_URL=(.+)$/gm)) await reachable(url!);

    const run = await cli(
      [
        'run',
        '--json',
        '--partition',
        'nih:project_week_2024-W02',
        '--partition',
        'usaspending:award_year_2022',
        '--partition',
        'patentsview:grant_month_2024-01',
      ],
      { cwd: temp, env: process.env },
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = run.json<{
      partitions: { partitionKey: string; status: string; counts: { written: number } }[];
    }>();
    // Every partition complete, with records from its simulator.
    expect(summary.partitions.map((p) => [p.partitionKey, p.status, p.counts.written > 0])).toEqual([
      ['nih:project_week_2024-W02', 'complete', true],
      ['patentsview:grant_month_2024-01', 'complete', true],
      ['usaspending:award_year_2022', 'complete', true],
    ]);
  } finally {
    stop.abort();
    const stopped = await sim;
    expect(stopped.code, stopped.stderr).toBe(0);
  }
}, 60_000);
