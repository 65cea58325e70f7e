import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../views/format.js';
import { gatherStatus } from '../views/status.js';
import { type StartUiServerOptions, startUiServer, type UiServer } from './server.js';
import { CHROMIUM, hasChromium, launchChromium, screenshot } from './testing/browser.js';
import { seedScenario, type UiFixture, uiFixture } from './testing/ui-fixture.js';

const TOKEN = 'browser-test-token-0123456789';
const PAUSE_REASON = 'SAM extract truncated at row 1,204,332';
// Skipped only on a developer machine without Chromium (a real browser cannot be downloaded here);
// `npm test` installs it where it can (root and apt-get); with CI=true a missing browser fails the tests instead of skipping them.
const skip = !hasChromium() && process.env.CI !== 'true';
if (skip) {
  console.warn(
    `SKIPPED the web UI browser tests: ${CHROMIUM} is missing. Install it with \`apt-get install -y chromium\` ('npm test' does it when run as root).`,
  );
}

describe.skipIf(skip)('the web UI in headless Chromium', () => {
  let f: UiFixture;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  const url = (path: string) => `${server.url}${path}`;

  beforeAll(async () => {
    f = await uiFixture({ bigPartitions: 12_000 });
    await seedScenario(f);
    server = await startUiServer({ project: f.project, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await f?.dispose();
  });

  it('renders the real state on the overview', async () => {
    const report = await gatherStatus(f.project);
    const response = await page.goto(url('/'));
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('#sensor', 'data-status')).toBe('active');
    expect(await page.textContent('#sensor .reason')).toBe(report.sensor.reason);
    expect(await page.textContent('#schedule')).toContain(formatTime(report.schedule.nextTick));
    const nih = report.sources.find((s) => s.source === 'nih')!;
    expect(nih.quota.usedToday).toBeGreaterThan(0);
    expect(await page.textContent('[data-quota="nih"]')).toContain(`${nih.quota.usedToday} calls`);
    const gapKeys = await page.$$eval('#sla-gaps tbody tr td:first-child', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(gapKeys).toEqual(report.slaGaps.map((g) => g.partitionKey));
    expect(gapKeys).toHaveLength(10);
    const open = report.sources.reduce((n, s) => n + s.slaGaps, 0);
    expect(await page.textContent('h2:has(+ #sla-gaps)')).toContain(`(${open}; the 10 most overdue)`);
    await screenshot(page, 'overview');
  });

  it('shows a source as a status grid; clicking a partition shows counts, cursor and last success', async () => {
    await page.goto(url('/sources/nih'));
    const states = await page.$$eval('#partition-grid a.cell', (cells) =>
      cells.map((c) => c.getAttribute('data-state')),
    );
    expect(states).toEqual([
      ...Array(3).fill('stale'),
      ...Array(3).fill('fresh'),
      'failed',
      ...Array(5).fill('never_run'),
    ]);
    const cell = page.locator('a.cell[data-key="nih:project_week_2024-W05"]');
    expect(await cell.getAttribute('title')).toMatch(
      /fresh · last success 2025-03-28T.* · 3 slices, 24 written/,
    );
    await cell.click();
    const detail = page.locator('#partition-detail');
    await detail.locator('.pdetail[data-key="nih:project_week_2024-W05"]').waitFor();
    expect(page.url()).toBe(url('/sources/nih'));
    expect(await detail.locator('.cursor').textContent()).toBe('{"offset":24}');
    expect(await detail.locator('.counts').textContent()).toContain('3 slices, 24 written');
    expect(await detail.textContent()).toMatch(/last success\s*2025-03-28/);
    await screenshot(page, 'source');
  });

  it('keeps a source of 12,000 partitions responsive: one page of the grid, the whole bar aggregated', async () => {
    const started = Date.now();
    await page.goto(url('/sources/sam_gov'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await page.locator('#partition-grid a.cell').count()).toBe(500);
    expect(await page.locator('#partition-bar a.seg').count()).toBeLessThanOrEqual(240);
    expect(await page.textContent('#pager')).toContain('partitions 1–500 of 12000');
    await screenshot(page, 'source-large');
    await page.locator('#partition-bar a.seg').nth(120).click();
    await page.waitForURL(/page=13/);
    expect(await page.textContent('#pager')).toContain('page 13 of 24');
    await page.locator('#state-counts a[data-state="failed"]').click();
    await page.waitForURL(/state=failed/);
    const states = await page.$$eval('#partition-grid a.cell', (cells) =>
      cells.map((c) => c.getAttribute('data-state')),
    );
    expect(new Set(states)).toEqual(new Set(['failed']));
  });

  it('launches a window run from the form: shows the plan, runs it with live progress, and shows the result', async () => {
    // Every API answer takes 0.4 s, so the run is still going when its page opens.
    f.sim.setFaults({ rate: 1, kinds: ['slow'], slowMs: 400 });
    try {
      await page.goto(url('/launch'));
      await page.selectOption('#launch-source', 'nih');
      await page.fill('#launch-window', '2024-W08..2024-W11');
      await page.click('#preview-plan');
      const preview = page.locator('#plan-preview');
      await preview.waitFor();
      expect(await preview.locator('.plan-summary').textContent()).toMatch(/^4 partitions to run/);
      for (const week of ['W08', 'W09', 'W10', 'W11']) {
        expect(await preview.textContent()).toContain(`nih:project_week_2024-${week}`);
      }
      await screenshot(page, 'launch');

      await page.click('#start-run');
      await page.waitForURL(/\/runs\/run_/);
      const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      expect(await page.getAttribute('#run-live', 'data-status')).toBe('running');
      await page.locator('#progress-count').waitFor();
      expect(await page.textContent('#progress-count')).toMatch(/^\d of 4 partitions done$/);
      // A marker on the window survives only if the page is never reloaded.
      await page.evaluate(() => Object.assign(globalThis, { __noReload: true }));
      await screenshot(page, 'run-live');

      await page.locator('#run-live[data-status="succeeded"]').waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => (globalThis as { __noReload?: boolean }).__noReload)).toBe(true);
      const rows = await page.$$eval('#results tbody tr', (trs) =>
        trs.map((tr) => [tr.children[0]?.textContent, tr.children[1]?.textContent]),
      );
      expect(rows).toEqual(
        ['W08', 'W09', 'W10', 'W11'].map((w) => [`nih:project_week_2024-${w}`, 'complete']),
      );
      expect(await page.locator('#gaps-closed tbody tr').count()).toBe(4);
      const stored = await f.project.store.getRun(runId);
      expect(stored).toMatchObject({ status: 'succeeded', trigger: 'manual' });
      await screenshot(page, 'run-detail');

      await page.goto(url('/runs'));
      expect(await page.textContent('#runs tbody tr:first-child')).toContain(runId);
      await screenshot(page, 'runs');
    } finally {
      f.sim.setFaults(null);
    }
  }, 60_000);

  it('links a run’s changes to the records’ pages, which show the payload and the ledger entry', async () => {
    const run = (await f.project.store.listRuns()).at(-1)!; // the seeded run of W01..W03
    await page.goto(url(`/runs/${encodeURIComponent(run.id)}`));
    expect(await page.textContent('#change-counts')).toBe('72 records created, 0 changed, 0 gone');
    const first = page.locator('#changes a[href^="/sources/nih/records/"]').first();
    const key = (await first.textContent())!;
    await first.click();
    await page.waitForURL(/\/sources\/nih\/records\//);
    expect(await page.textContent('#record-key')).toBe(key);
    const stored = await f.project.store.getRecord('nih', key);
    expect(JSON.parse((await page.textContent('#payload'))!)).toEqual(stored!.payload);
    expect(await page.textContent('#ledger')).toMatch(/status\s*success/);
    await screenshot(page, 'record');

    await page.locator('a.mono[href^="/sources/nih/partitions/"]').first().click();
    await page.waitForURL(/\/partitions\//);
    const keys = await page.$$eval('#records tbody tr td:first-child', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(keys).toContain(key);
    expect(keys).toHaveLength(await f.project.store.countRecords({ partitionKey: stored!.partitionKey }));
  });

  it('shows a paused sensor with its reason, and the launch asks for the override', async () => {
    await f.report('failure', PAUSE_REASON);
    try {
      await page.goto(url('/'));
      expect(await page.getAttribute('#sensor', 'data-status')).toBe('paused');
      expect(await page.textContent('#sensor .reason')).toContain(PAUSE_REASON);

      await page.goto(url('/assets'));
      expect(await page.textContent('#asset-events tbody tr:first-child')).toContain(PAUSE_REASON);
      await screenshot(page, 'assets');

      const preview = url('/launch?source=nih&window=2024-W12&preview=1');
      await page.goto(preview);
      expect(await page.textContent('#pause-warning')).toContain(PAUSE_REASON);
      expect(await page.isChecked('#override-pause')).toBe(false);
      await screenshot(page, 'launch-paused');

      // Without the override the run is refused, as `freshet run` refuses, and recorded so.
      await page.click('#start-run');
      await page.waitForURL(/\/runs\/run_/);
      await page.locator('#run-live[data-status="refused"]').waitFor();
      expect(await page.textContent('#refusal')).toContain('SENSOR_PAUSED');
      expect(await page.textContent('#refusal')).toContain(PAUSE_REASON);

      await page.goto(preview);
      await page.check('#override-pause');
      await page.click('#start-run');
      await page.waitForURL(/\/runs\/run_/);
      await page.locator('#run-live[data-status="succeeded"]').waitFor({ timeout: 30_000 });
      expect(await page.textContent('#pause-override')).toContain(PAUSE_REASON);
      const [run] = await f.project.store.listRuns({ limit: 1 });
      expect((run!.metadata as { pauseOverride: unknown }).pauseOverride).toEqual({
        status: 'paused',
        reason: expect.stringContaining(PAUSE_REASON),
      });
    } finally {
      await f.report('success');
    }
  }, 60_000);

  it('refuses every request without the token when bound beyond loopback, and logs in with it', async () => {
    const options: StartUiServerOptions = { project: f.project, host: '0.0.0.0', port: 0, token: TOKEN };
    const guarded = await startUiServer(options);
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    try {
      const base = `http://127.0.0.1:${guarded.port}`;
      const tab = await context.newPage();
      const refused = await tab.goto(`${base}/runs`);
      expect(refused?.status()).toBe(401);
      expect(await tab.textContent('#refused')).toContain('this server needs its token');
      expect(await tab.content()).not.toContain(TOKEN);
      await screenshot(tab, 'token-required');
      expect((await tab.request.get(`${base}/api/status`)).status()).toBe(401);
      expect((await tab.request.get(`${base}/static/ui.css`)).status()).toBe(401);
      expect(
        (
          await tab.request.get(`${base}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } })
        ).status(),
      ).toBe(200);

      await tab.fill('input[name="token"]', TOKEN);
      await tab.click('button[type="submit"]');
      await tab.waitForURL(`${base}/runs`);
      expect(tab.url()).not.toContain(TOKEN);
      expect(await tab.textContent('h1')).toBe('Runs');
      await tab.goto(`${base}/`);
      expect(await tab.getAttribute('#sensor', 'data-status')).toBe('active');
      const cookies = await context.cookies();
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatchObject({ name: 'freshet_ui_session', httpOnly: true, sameSite: 'Strict' });
      expect(cookies[0]?.value).not.toContain(TOKEN);
    } finally {
      await context.close();
      await guarded.close();
    }
  }, 30_000);
});
