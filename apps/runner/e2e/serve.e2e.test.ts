import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { RunningFreshet } from './harness/binary.js';
import { nihProjectTest } from './harness/fixtures.js';
import { sleep } from './harness/proxy.js';

const it = nihProjectTest();
const SOURCES = new URL('../src/ui/static/', import.meta.url);

async function servingAt(running: RunningFreshet): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const url = /freshet UI on (http:\/\/\S+:\d+)/.exec(running.output().stdout)?.[1];
    if (url !== undefined) return url;
    await sleep(50);
  }
  throw new Error(`freshet serve did not say where it listens:\n${running.output().stderr}`);
}

describe('freshet serve (built binary)', () => {
  it('serves its pages with the stylesheet and script the package ships', async ({ project }) => {
    const running = project.spawn(['serve', '--port', '0']);
    try {
      const url = await servingAt(running);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      const markup = await page.text();
      expect(markup).toContain('href="/static/ui.css"');
      expect(markup).toContain('src="/static/ui.js"');
      for (const [name, type] of [
        ['ui.css', 'text/css'],
        ['ui.js', 'text/javascript'],
      ] as const) {
        const res = await fetch(`${url}/static/${name}`);
        expect(res.status, name).toBe(200);
        expect(res.headers.get('content-type')).toContain(type);
        expect(await res.text()).toBe(await readFile(new URL(name, SOURCES), 'utf8'));
      }
    } finally {
      running.child.kill('SIGTERM');
    }
    expect((await running.done).code).toBe(0);
  });
});
