import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../program.js';
import { createUiApp, type UiApp } from '../ui/app.js';
import { seedScenario, type UiFixture, uiFixture } from '../ui/testing/ui-fixture.js';

let f: UiFixture;
let ui: UiApp;

beforeAll(async () => {
  f = await uiFixture();
  await seedScenario(f);
  ui = createUiApp({ project: f.project });
});
afterAll(async () => {
  await f.dispose();
});

/** `freshet <argv> --json` in-process on the fixture's store, parsed. */
async function cliJson<T>(argv: string[]): Promise<T> {
  let out = '';
  const code = await runCli([...argv, '--json'], {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true } },
    env: {},
    cwd: process.cwd(),
    config: f.config,
    clock: f.clock,
  });
  expect(code, argv.join(' ')).toBe(0);
  return JSON.parse(out) as T;
}

const api = async <T>(path: string): Promise<T> => (await (await ui.app.request(path)).json()) as T;

// Both sides format the same views, so what the CLI prints and what the API answers agree.
describe('the CLI and the UI read the same views', () => {
  it('status', async () => {
    expect(await cliJson(['status'])).toEqual(await api('/api/status'));
  });

  it('a partition: checkpoint show and /api/partitions/:key', async () => {
    const key = 'nih:project_week_2024-W07';
    const cli = await cliJson<Record<string, unknown>>(['checkpoint', 'show', key]);
    const detail = await api<Record<string, unknown>>(`/api/partitions/${encodeURIComponent(key)}`);
    expect(cli).toEqual({
      partitionKey: detail.partitionKey,
      checkpoint: detail.checkpoint,
      lease: detail.lease,
      ledger: detail.ledger,
    });
    expect(detail.state).toBe('failed');
  });

  it('runs: runs list and runs show, /api/runs and /api/runs/:id', async () => {
    const list = await cliJson<Array<{ id: string }>>(['runs', 'list', '--limit', '2']);
    expect(list).toEqual(await api('/api/runs?limit=2'));
    const id = list[0]!.id;
    const shown = await cliJson<{ id: string; partitions: unknown[] }>(['runs', 'show', id]);
    const view = await api<{ run: { id: string }; partitions: unknown[] }>(`/api/runs/${id}`);
    const { partitions, ...run } = shown;
    expect(run).toEqual(view.run);
    expect(partitions).toEqual(view.partitions);
  });
});
