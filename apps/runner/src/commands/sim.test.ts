import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowConfigsToImportFreshet } from '../config/workspace-imports.js';
import { cli } from '../test-support/cli.js';
import {
  installSbirExample,
  installSourceWithoutCompanion,
  writeProjectConfig,
} from '../test-support/sbir-example.js';
import { type TempProject, tempProject } from '../test-support/store.js';

/** The SBIR example's companion, as a third party publishes it beside the source. */
const SBIR_COMPANION = fileURLToPath(
  new URL('../../../../examples/source-sbir/src/testing.ts', import.meta.url),
);

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
  let settled = false;
  void running.finally(() => {
    settled = true;
  });
  try {
    while (!stdout.includes('});')) {
      if (settled) return { result: await running, stdout, stderr, urls: [], reachable: 0 };
      await new Promise((r) => setTimeout(r, 5));
    }
    const urls = [...stdout.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
    const reachable = await fetch(`${urls[0]}/v2/projects/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ criteria: {}, limit: 1 }),
    }).then((r) => r.status);
    await whileRunning?.(stdout);
    stop.abort();
    return { result: await running, stdout, stderr, urls, reachable };
  } finally {
    // A failed expectation above must not leave the simulators running.
    stop.abort();
  }
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
    // In the simulators' (port) order.
    expect(config.sources.map((s) => [s.source.id, s.range ?? null])).toEqual([
      ['nih', '2024-W01..2024-W08'],
      ['sam_gov', null],
      ['usaspending', '2022..2024'],
      ['patentsview', '2024-01..2024-03'],
    ]);
    const baseUrls = config.sources.map((s) => (s.source.options as { baseUrl: string }).baseUrl);
    expect(new Set(baseUrls)).toEqual(new Set(urls.slice(0, 4)));
    expect(config.store).toMatchObject({
      kind: 'sqlite',
      path: join(project.dir, 'data/sim/freshet.sqlite'),
    });
  });

  it('prints the configuration as a block of its own, after a header; alone on stdout with --print-config', async () => {
    const plain = await runSim(['--port-base', '0']);
    expect(plain.result.code).toBe(0);
    const lines = plain.stdout.trimEnd().split('\n');
    const header = lines.indexOf('==> config/freshet.sim.config.ts <==');
    expect(header, plain.stdout).toBeGreaterThan(0);
    expect(lines[header - 1]).toBe('');
    expect(lines[header - 2]).toBe(
      'To use them, save the configuration below as config/freshet.sim.config.ts (or write it with `freshet sim --print-config > config/freshet.sim.config.ts`), then: freshet --config config/freshet.sim.config.ts run',
    );
    expect(lines[header + 1]).toBe("import { defineConfig } from '@freshet/core';");
    // The block runs to the end of stdout: nothing after the file's last line.
    expect(lines.at(-1)).toBe('});');

    const only = await runSim(['--port-base', '0', '--print-config']);
    expect(only.result.code).toBe(0);
    expect(only.reachable).toBe(200);
    expect(only.stdout.startsWith("import { defineConfig } from '@freshet/core';\n")).toBe(true);
    expect(only.stdout.endsWith('});\n')).toBe(true);
    expect(only.stdout).not.toContain('API simulators');
    expect(only.stderr).toContain('API simulators on 127.0.0.1 (seed 1); Ctrl-C stops them.');
    expect(only.stderr).toContain('then: freshet --config config/freshet.sim.config.ts run');
    // Redirected into the file, it loads as it is, its UEI file found from the project root.
    await mkdir(join(project.dir, 'config'), { recursive: true });
    await writeFile(join(project.dir, 'config', 'freshet.sim.config.ts'), only.stdout);
    allowConfigsToImportFreshet();
    const { config } = await loadConfig({
      cwd: project.dir,
      env: {},
      configPath: 'config/freshet.sim.config.ts',
    });
    expect(config.sources.map((s) => s.source.id)).toEqual(['nih', 'sam_gov', 'usaspending', 'patentsview']);
    expect(config.rootDir).toBe(project.dir);
  });

  it('takes dataset sizes (--size source.name=n) and counts requests, 429s and violations per API', async () => {
    type Counts = { requests: number; throttled: number; violations: number; records: number };
    const seen: { stats?: { apis: Record<'nih' | 'sam_gov', Counts> } } = {};
    const { result, stdout, stderr, urls } = await runSim(
      [
        '--port-base',
        '0',
        '--size',
        'sam_gov.entities=40',
        '--size',
        'nih.weeks=2',
        '--size',
        'patentsview.months=1',
      ],
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

  it('exits 2 on a size of the wrong form or name, listing the sizes there are', async () => {
    const form = await cli(['sim', '--size', 'nih.weeks']);
    expect(form.code).toBe(2);
    expect(form.stderr).toContain('expected <source>.<name>=<whole number>');
    const name = await cli(['sim', '--port-base', '0', '--size', 'nih.wekes=2'], { cwd: project.dir });
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('nih.wekes: the nih simulator takes sizes weeks, projectsPerWeek');
    const source = await cli(['sim', '--port-base', '0', '--size', 'sbir.years=2'], { cwd: project.dir });
    expect(source.code).toBe(2);
    expect(source.stderr).toContain(
      'no simulator for sbir; there are nih, sam_gov, usaspending, patentsview',
    );
  });

  it('serves a configured companion’s simulator too (the SBIR example), with no change to the runner', async () => {
    const { result, stdout } = await runSim(
      ['--port-base', '0', '--companion', SBIR_COMPANION, '--size', 'sbir.years=2'],
      async (out) => {
        const sbir = out.match(/^ {2}sbir +(http:\/\/127\.0\.0\.1:\d+)/m)![1]!;
        const awards = await fetch(`${sbir}/public/api/awards?agency=DOD&year=2022&rows=5`).then((r) =>
          r.json(),
        );
        expect(awards).toHaveLength(5);
        const statsUrl = out.match(/GET (http:\/\/127\.0\.0\.1:\d+\/stats)/)![1]!;
        const stats = (await fetch(statsUrl).then((r) => r.json())) as {
          apis: Record<string, { requests: number }>;
        };
        expect(stats.apis.sbir?.requests).toBe(1);
      },
    );
    expect(result.code).toBe(0);
    expect(stdout).toMatch(/^ {2}sbir +http:\/\/127\.0\.0\.1:\d+ +\d+ awards, years 2022\.\.2023, /m);
    expect(stdout).toContain("import { sbir } from 'freshet-source-sbir';");
    expect(stdout).toMatch(
      /\{ source: sbir\(\{ baseUrl: 'http:\/\/127\.0\.0\.1:\d+' \}\), range: '2022\.\.2023' \}/,
    );
  });

  it('serves the sources a project configures, the SBIR example found at freshet-source-sbir/testing', async () => {
    await installSbirExample(project.dir);
    await writeProjectConfig(project.dir, {
      entries: "{ use: 'freshet-source-sbir', options: { agencies: ['DOD', 'NSF'] } },",
    });
    const { result, stdout, urls } = await runSim(
      ['--port-base', '0', '--size', 'sbir.years=2'],
      async (out) => {
        const sbir = out.match(/^ {2}sbir +(http:\/\/127\.0\.0\.1:\d+)/m)![1]!;
        const awards = await fetch(`${sbir}/public/api/awards?agency=NSF&year=2023&rows=3`).then((r) =>
          r.json(),
        );
        expect(awards).toHaveLength(3);
      },
    );
    expect(result.code).toBe(0);
    expect(stdout).toContain('Simulated: the sources of config/freshet.config.ts.');
    // The first-party ones in their port order (a disabled one too), then SBIR.
    const rows = [...stdout.matchAll(/^ {2}([a-z_]+) +http:\/\/127\.0\.0\.1:\d+ /gm)].map((m) => m[1]);
    expect(rows).toEqual(['nih', 'sam_gov', 'usaspending', 'patentsview', 'sbir']);
    expect(stdout).toMatch(/^ {2}sbir +http:\/\/127\.0\.0\.1:\d+ +\d+ awards, years 2022\.\.2023, /m);
    expect(stdout).toContain("import { sbir } from 'freshet-source-sbir';");
    expect(urls.length).toBeGreaterThanOrEqual(6);
  });

  it('serves only the sources configured, the first-party ones on their own ports', async () => {
    await installSbirExample(project.dir);
    await mkdir(join(project.dir, 'config'), { recursive: true });
    await writeFile(
      join(project.dir, 'config', 'freshet.config.ts'),
      `import { defineConfig } from '@freshet/core';
import { usaspending } from '@freshet/source-usaspending';
import { sbir } from 'freshet-source-sbir';
export default defineConfig({ sources: [sbir(), usaspending()] });
`,
    );
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const { result, stdout, stderr } = await runSim(['--port-base', String(base)]);
    if (result.code !== 0) return expect(stderr).toMatch(/EADDRINUSE/); // a port taken: nothing to check
    expect(stdout).toMatch(new RegExp(`^  usaspending +http://127\\.0\\.0\\.1:${base + 2} `, 'm'));
    expect(stdout).toMatch(new RegExp(`^  sbir +http://127\\.0\\.0\\.1:${base + 4} `, 'm'));
    expect(stdout).not.toMatch(/^ {2}(nih|sam_gov|patentsview) +http/m);
    expect(stdout).toContain(`GET http://127.0.0.1:${base + 5}/stats`);
  });

  it('exits 2 naming a configured source without a companion, where it looked and the fix', async () => {
    await installSourceWithoutCompanion(project.dir);
    await mkdir(join(project.dir, 'config'), { recursive: true });
    await writeFile(
      join(project.dir, 'config', 'freshet.config.json'),
      JSON.stringify({ sources: [{ use: '@freshet/source-nih' }, { use: '@acme/source-foo' }] }),
    );
    const result = await cli(['sim', '--port-base', '0'], { cwd: project.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: no simulator companion for source "foo" of config/freshet.config.json;',
    );
    expect(result.stderr).toContain('  @acme/source-foo/testing: @acme/source-foo exports no "./testing"');
    expect(result.stderr).toContain(
      '  the first-party companions (@freshet/testkit): companions for nih, sam_gov, usaspending, patentsview only',
    );
    expect(result.stderr).toContain('  --companion: none given');
    expect(result.stderr).toContain(
      'Fix: publish @acme/source-foo/testing exporting a companion made by defineCompanion',
    );
    expect(result.stderr).toContain('or pass --companion <module>');
  });

  it('exits 2 on a bad port base', async () => {
    const result = await cli(['sim', '--port-base', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a whole number from 0 to 65532');
  });
});
