import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiApp, type UiApp } from './app.js';
import { type UiFixture, uiFixture } from './testing/ui-fixture.js';

const TOKEN = 'headers-test-token-0123456789';
const ORIGIN = 'http://127.0.0.1:4280';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

let f: UiFixture;
let open: UiApp;
let guarded: UiApp;

beforeAll(async () => {
  f = await uiFixture();
  open = createUiApp({ project: f.project, host: '127.0.0.1' });
  guarded = createUiApp({ project: f.project, token: TOKEN, host: '0.0.0.0' });
});
afterAll(async () => {
  await f.dispose();
});

const req = (app: UiApp, path: string, init: RequestInit = {}) => app.app.request(`${ORIGIN}${path}`, init);
const badWindow = () => new URLSearchParams({ source: 'nih', window: '2024-13' });

describe('security headers', () => {
  it('go on every answer: pages, static files, the API, and refusals', async () => {
    const answers = [
      await req(open, '/'),
      await req(open, '/static/ui.js'),
      await req(open, '/api/status'),
      await req(guarded, '/runs'),
      await req(open, '/runs', { method: 'POST', headers: { origin: 'http://evil.example' } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 401, 403]);
    for (const res of answers) {
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      // Plain HTTP: HSTS is for a TLS proxy in front to decide.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });
});

describe('writes from another site', () => {
  it('are refused whatever their content type, by Origin or by Sec-Fetch-Site', async () => {
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ source: 'nih' });
    const refused = [
      await req(open, '/api/runs', {
        method: 'POST',
        headers: { ...json, origin: 'http://evil.example' },
        body,
      }),
      await req(open, '/api/runs', {
        method: 'POST',
        headers: { ...json, 'sec-fetch-site': 'cross-site' },
        body,
      }),
      await req(open, '/runs', {
        method: 'POST',
        headers: { 'sec-fetch-site': 'same-site' },
        body: badWindow(),
      }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(await f.project.store.listRuns()).toEqual([]);
  });

  it('pass from the UI itself, and from clients that are not browsers (no Origin)', async () => {
    // A bad window answers 400 after the check: the request got through it, and no run starts.
    const own = await req(open, '/runs', {
      method: 'POST',
      headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      body: badWindow(),
    });
    expect(own.status).toBe(400);
    const bearer = await req(guarded, '/runs', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: badWindow(),
    });
    expect(bearer.status).toBe(400);
  });
});
