import { join } from 'node:path';
import { openSqliteStore } from '@freshet/core/sqlite';
import { describe, expect } from 'vitest';
import { cliTest } from '../test-support/project.js';
import { startHeartbeat } from '../workers/heartbeat.js';

const it = cliTest({ startDate: '2024-01-01', weeks: 2, projectsPerWeek: 15, rateLimit: null });

describe('freshet store', () => {
  it('migrate says the schema is up to date, as text and as JSON', async ({ project }) => {
    const text = await project.run(['store', 'migrate']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^store .*freshet\.sqlite: schema version \d+, up to date$/m);
    const json = await project.run(['store', 'migrate', '--json']);
    expect(json.json()).toMatchObject({ store: project.storePath, applied: [] });
  });

  it('copy puts every row into another store and checks the counts; a second copy is refused, --replace goes ahead', async ({
    project,
  }) => {
    expect((await project.run(['run'])).code).toBe(0);
    const target = join(project.dir, 'copy.sqlite');
    const copied = await project.run(['store', 'copy', '--to', 'copy.sqlite', '--json']);
    expect(copied.code, copied.stderr).toBe(0);
    const report = copied.json<{ tables: Record<string, number>; resumed: boolean }>();
    expect(report.tables.records).toBe(await project.store.countRecords({ source: 'nih' }));
    expect(report.tables.runs).toBe(1);

    const copy = await openSqliteStore({ path: target });
    expect(await copy.listCheckpoints()).toEqual(await project.store.listCheckpoints());
    await copy.close();

    const again = await project.run(['store', 'copy', '--to', 'copy.sqlite']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds data; nothing was copied');
    expect(again.stderr).toContain('pass --replace');
    const replaced = await project.run(['store', 'copy', '--to', 'copy.sqlite', '--replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain('counts checked: checkpoints 3, records 30, ');
  });

  it('copy refuses a store in use by a worker, and --to naming the store itself', async ({ project }) => {
    const beat = await startHeartbeat({
      store: project.store,
      workerId: 'otherhost:4242:beef',
      ttlMs: 60_000,
      clock: project.clock,
    });
    const busy = await project.run(['store', 'copy', '--to', 'copy.sqlite']);
    expect(busy.code).toBe(3);
    expect(busy.stderr).toContain('is in use (otherhost:4242:beef); stop its workers');
    await beat.stop();
    const itself = await project.run(['store', 'copy', '--to', project.storePath]);
    expect(itself.code).toBe(2);
    expect(itself.stderr).toContain('--to names the configured store itself');
  });
});
