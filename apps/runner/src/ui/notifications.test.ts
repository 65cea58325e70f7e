import { enqueueNotification, NOTIFY_EVENTS } from '@freshet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiApp, type UiApp } from './app.js';
import type { NotificationsView } from './notifications-view.js';
import { type UiFixture, uiFixture } from './testing/ui-fixture.js';

const SECRET = 'whsec_ui_test_secret_00001';
const PASSWORD = 'hunter2-url-password';

let f: UiFixture;
let ui: UiApp;

beforeAll(async () => {
  f = await uiFixture();
  f.project.config = {
    ...f.project.config,
    notify: [
      {
        name: 'ops',
        url: `https://bot:${PASSWORD}@hooks.example.com/freshet`,
        events: new Set(NOTIFY_EVENTS),
        secret: SECRET,
        timeoutMs: 1000,
      },
    ],
  };
  const at = new Date('2025-03-20T12:00:00Z');
  await enqueueNotification(f.project.store, f.project.config.notify, {
    event: 'sensor.paused',
    dedupKey: 'sensor.paused:test',
    data: { sensor: 'iterative_enrichment_sensor', from: 'active', reason: 'bulk_enrichment failed' },
    at,
  });
  const [claimed] = await f.project.store.claimNotifications({
    holder: 't',
    now: at,
    limit: 1,
    claimMs: 60_000,
  });
  await f.project.store.settleNotification(claimed?.id ?? '', claimed?.claimToken ?? '', {
    state: 'pending',
    nextAttemptAt: new Date(at.getTime() + 30_000),
    lastError: 'HTTP 503: receiver down',
    lastStatus: 503,
    at,
  });
  ui = createUiApp({ project: f.project });
});
afterAll(async () => {
  await ui.runs.idle();
  await f.dispose();
});

describe('notifications in the UI', () => {
  it('GET /api/notifications lists deliveries with state, attempts and last error, and targets without credentials', async () => {
    const res = await ui.app.request('/api/notifications');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PASSWORD);
    const view = JSON.parse(text) as NotificationsView;
    expect(view.targets).toEqual([
      { name: 'ops', url: 'https://bot:***@hooks.example.com/freshet', events: [...NOTIFY_EVENTS] },
    ]);
    expect(view.deliveries).toEqual([
      expect.objectContaining({
        event: 'sensor.paused',
        target: 'ops',
        state: 'pending',
        attempts: 1,
        lastStatus: 503,
        lastError: 'HTTP 503: receiver down',
        nextAttemptAt: '2025-03-20T12:00:30.000Z',
        text: 'Freshet sensor iterative_enrichment_sensor paused: bulk_enrichment failed',
      }),
    ]);
    const delivered = (await (
      await ui.app.request('/api/notifications?state=delivered')
    ).json()) as NotificationsView;
    expect(delivered.deliveries).toEqual([]);
  });

  it('the Notifications page shows the same, linked from the navigation', async () => {
    const res = await ui.app.request('/notifications');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<a href="/notifications" aria-current="page">Notifications</a>');
    expect(page).toContain('sensor.paused');
    expect(page).toContain('HTTP 503: receiver down');
    expect(page).not.toContain(SECRET);
    expect(page).not.toContain(PASSWORD);
  });
});
