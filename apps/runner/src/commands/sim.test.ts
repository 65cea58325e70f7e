import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowConfigsToImportFreshet } from '../config/workspace-imports.js';
import { cli } from '../test-support/cli.js';
import { type TempProject, tempProject } from '../test-support/store.js';

let project: TempProject;
beforeEach(async () => {
  project = await tempProject();
});
afterEach(async () => {
  await project.dispose();
});

/** `freshet sim` until its output is complete, then Ctrl-C. */
async function runSim(argv: string[], whileRunning?: (stdout: string) => Promise<void>) {
  const stop = new AbortController();
  let stdout = '';
  let stderr = '';
  const running = cli(['sim', ...argv], {
    cwd: project.dir,
    signals: { stop: stop.signal, abort: new AbortController().signal },
    io: {
      stdout: {
        write: (text: string) => {
          stdout += text;
        },
      },
      stderr: {
        write: (text: string) => {
          stderr += text;
          return true;
        },
      },
    },
  });
  while (!stdout.includes('});')) await new Promise((r) => setTimeout(r, 5));
  const urls = [...stdout.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
  const reachable = await fetch(`${urls[0]}/v2/projects/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ criteria: {}, limit: 1 }),
  }).then((r) => r.status);
  await whileRunning?.(stdout);
  stop.abort();
  return { result: await running, stdout, stderr, urls, reachable };
}

describe('freshet sim', () => {
  it('serves the four simulators until Ctrl-C, and prints their URLs and a configuration using them', async () => {
    const { result, stdout, urls, reachable } = await runSim(['--port-base', '0', '--seed', '3']);
    expect(result.code).toBe(0);
    expect(reachable).toBe(200);
    expect(stdout).toContain('API simulators on 127.0.0.1 (seed 3)');
    for (const name of ['nih', 'sam_gov', 'usaspending', 'patentsview'])
      expect(stdout).toMatch(new RegExp(`^  ${name} +http`, 'm'));
    const ueis = (await readFile(join(project.dir, 'data/sim/sam_gov-ueis.txt'), 'utf8')).trim().split('\n');
    expect(ueis).toHaveLength(1000);

    // The printed configuration loads as it is, with every source pointed at a simulator.
    const snippet = stdout.slice(stdout.indexOf('import { defineConfig }'));
    await mkdir(join(project.dir, 'config'), { recursive: true });
    await writeFile(join(project.dir, 'config', 'freshet.config.ts'), snippet);
    allowConfigsToImportFreshet();
    const { config } = await loadConfig({ cwd: project.dir, env: {} });
    expect(config.sources.map((s) => [s.source.id, s.range ?? null])).toEqual([
      ['usaspending', '2022..2024'],
      ['sam_gov', null],
      ['nih', '2024-W01..2024-W08'],
      ['patentsview', '2024-01..2024-03'],
    ]);
    const baseUrls = config.sources.map((s) => (s.source.options as { baseUrl: string }).baseUrl);
    expect(new Set(baseUrls)).toEqual(new Set(urls.slice(0, 4)));
    expect(config.store.path).toBe(join(project.dir, 'data/sim/freshet.sqlite'));
  });

  it('takes dataset sizes as options and counts requests, 429s and violations per API', async () => {
    type Counts = { requests: number; throttled: number; violations: number; records: number };
    const seen: { stats?: { apis: Record<'nih' | 'sam_gov', Counts> } } = {};
    const { result, stdout, stderr, urls } = await runSim(
      ['--port-base', '0', '--sam-entities', '40', '--nih-weeks', '2', '--patentsview-months', '1'],
      async (out) => {
        const nih = [...out.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)][0]![0];
        // Two requests at once: the second is over NIH's 1 request a second.
        const search = () =>
          fetch(`${nih}/v2/projects/search`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ criteria: {}, limit: 1 }),
          }).then((r) => r.status);
        await Promise.all([search(), search()]);
        const statsUrl = out.match(/GET (http:\/\/127\.0\.0\.1:\d+\/stats)/)![1]!;
        seen.stats = (await fetch(statsUrl).then((r) => r.json())) as typeof seen.stats;
      },
    );
    expect(result.code).toBe(0);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    const ueis = (await readFile(join(project.dir, 'data/sim/sam_gov-ueis.txt'), 'utf8')).trim().split('\n');
    expect(ueis).toHaveLength(40);
    expect(stdout).toContain('weeks 2024-W01..2024-W02');
    // The reachability probe and the two searches, at least one of them over the limit.
    const { nih, sam_gov } = seen.stats!.apis;
    expect(nih.requests).toBe(3);
    expect(nih.throttled).toBeGreaterThanOrEqual(1);
    expect(nih.violations).toBe(nih.throttled);
    expect(sam_gov).toMatchObject({ requests: 0, records: 40 });
    expect(stderr).toMatch(/^ *nih +3 +[12] +[12] /m);
    expect(stderr).toMatch(/^ *api +requests +429s +violations/m);
  });

  it('exits 2 on a bad port base', async () => {
    const result = await cli(['sim', '--port-base', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a whole number from 0 to 65532');
  });
});
