import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiApp, type UiApp } from './app.js';
import { SESSION_COOKIE } from './auth.js';
import { type UiFixture, uiFixture } from './testing/ui-fixture.js';

const TOKEN = 'test-ui-token-0123456789abcdef';
let f: UiFixture;
let guarded: UiApp;
let open: UiApp;

beforeAll(async () => {
  f = await uiFixture();
  guarded = createUiApp({ project: f.project, token: TOKEN, host: '0.0.0.0' });
  open = createUiApp({ project: f.project, host: '127.0.0.1' });
});
afterAll(async () => {
  await f.dispose();
});

const req = (app: UiApp, path: string, init: RequestInit = {}) =>
  app.app.request(`http://127.0.0.1:4280${path}`, init);

describe('with a token', () => {
  it('refuses every request without it: pages, the API, the static files, the launch', async () => {
    for (const path of ['/', '/sources/nih', '/runs', '/assets', '/launch', '/static/ui.js']) {
      const res = await req(guarded, path);
      expect(res.status, path).toBe(401);
      const body = await res.text();
      expect(body).toContain('token required');
      expect(body).not.toContain(TOKEN);
    }
    const api = await req(guarded, '/api/status');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'this server needs its token' },
    });
    const post = await req(guarded, '/runs', {
      method: 'POST',
      body: new URLSearchParams({ source: 'nih' }),
    });
    expect(post.status).toBe(401);
    expect(await f.project.store.listRuns()).toEqual([]);
  });

  it('refuses a wrong token, in a header, a cookie or the query', async () => {
    const wrong = `${TOKEN}x`;
    expect(
      (await req(guarded, '/api/status', { headers: { authorization: `Bearer ${wrong}` } })).status,
    ).toBe(401);
    expect((await req(guarded, '/', { headers: { cookie: `${SESSION_COOKIE}=${wrong}` } })).status).toBe(401);
    expect((await req(guarded, `/?token=${wrong}`)).status).toBe(401);
    // The token itself is not the cookie's value.
    expect((await req(guarded, '/', { headers: { cookie: `${SESSION_COOKIE}=${TOKEN}` } })).status).toBe(401);
  });

  it('accepts Authorization: Bearer', async () => {
    const res = await req(guarded, '/api/status', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it('logs in with ?token=: sets an HttpOnly cookie and redirects to the page without the token', async () => {
    const login = await req(guarded, `/sources/nih?page=1&token=${TOKEN}`);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/sources/nih?page=1');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain(TOKEN);
    const page = await req(guarded, '/sources/nih?page=1', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('nih:project_week_2024-W01');
  });
});

describe('without a token, on loopback', () => {
  it('answers, but only to loopback host names (no DNS rebinding)', async () => {
    expect((await req(open, '/api/status')).status).toBe(200);
    expect((await open.app.request('http://localhost/api/status')).status).toBe(200);
    const rebound = await open.app.request('http://evil.example/api/status');
    expect(rebound.status).toBe(421);
  });

  it('refuses a write from another site', async () => {
    const res = await req(open, '/runs', {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
      body: new URLSearchParams({ source: 'nih' }),
    });
    expect(res.status).toBe(403);
    expect(await f.project.store.listRuns()).toEqual([]);
  });
});
