import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../program.js';
import { type UiFixture, uiFixture } from './testing/ui-fixture.js';

const TOKEN = 'serve-test-token-0123456789';
let f: UiFixture;

beforeAll(async () => {
  f = await uiFixture();
});
afterAll(async () => {
  await f.dispose();
});

/** `freshet serve <args>` in-process until `stop()`; `out` is what it printed so far. */
function serve(args: string[], env: Record<string, string> = {}) {
  const output = { out: '', err: '' };
  const stop = new AbortController();
  const exit = runCli(['serve', ...args], {
    io: {
      stdout: { write: (t: string) => (output.out += t) },
      stderr: { write: (t: string) => (output.err += t) },
    },
    env,
    cwd: process.cwd(),
    config: f.config,
    clock: f.clock,
    signals: { stop: stop.signal, abort: new AbortController().signal },
  });
  return {
    output,
    exit,
    stop: () => stop.abort(),
    async url(): Promise<string> {
      for (let i = 0; i < 200 && !/http:\/\/\S+:\d+/.test(output.out); i++)
        await new Promise((r) => setTimeout(r, 10));
      return /(http:\/\/[^\s(]+:\d+)/.exec(output.out)![1]!;
    },
  };
}

describe('freshet serve', () => {
  it('serves on 127.0.0.1 until stopped, then exits 0', async () => {
    const s = serve(['--port', '0']);
    const url = await s.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/api/status`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { sensor: { status: string } }).sensor.status).toBe('waiting');
    s.stop();
    expect(await s.exit).toBe(0);
  });

  it('refuses (exit 2) to listen beyond loopback without a token', async () => {
    const s = serve(['--host', '0.0.0.0', '--port', '0']);
    expect(await s.exit).toBe(2);
    expect(s.output.err).toContain('needs a token: set FRESHET_UI_TOKEN or pass --token');
  });

  it('with FRESHET_UI_TOKEN on 0.0.0.0, refuses requests without it, and never prints it', async () => {
    const s = serve(['--host', '0.0.0.0', '--port', '0'], { FRESHET_UI_TOKEN: TOKEN });
    const url = (await s.url()).replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${url}/api/status`)).status).toBe(401);
    expect((await fetch(`${url}/`)).status).toBe(401);
    expect((await fetch(`${url}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      200,
    );
    s.stop();
    expect(await s.exit).toBe(0);
    expect(s.output.out + s.output.err).not.toContain(TOKEN);
    expect(s.output.out).toContain('every request needs the token');
  });

  it('takes --token too, and never prints it', async () => {
    const s = serve(['--port', '0', '--token', TOKEN]);
    const url = await s.url();
    expect((await fetch(`${url}/runs`)).status).toBe(401);
    s.stop();
    expect(await s.exit).toBe(0);
    expect(s.output.out + s.output.err).not.toContain(TOKEN);
  });
});
