import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { RunSummary } from '../src/runs/types.js';
import { nihProjectTest } from './harness/fixtures.js';
import { partitionKey } from './harness/nih.js';

type RunRowJson = { id: string; status: string; error: { code: string; message: string } | null };

const it = nihProjectTest({ range: '2025-W09..2025-W11' });

describe('freshet (built binary): the state artifact is validated when a run starts', () => {
  it('refuses with exit 3 naming `freshet checkpoint reconcile` after the watermark changed or the file broke; works after reconcile', async ({
    project,
    nih,
  }) => {
    const first = await project.freshet(['run', '--partition', partitionKey('2025-W09')]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`state artifact written: ${project.statePath}`);
    const store = await project.store();

    // 1. Someone edits the ledger watermark in the artifact.
    const artifact = JSON.parse(await readFile(project.statePath, 'utf8')) as {
      ledgerWatermark: { seq: number };
    };
    const seq = artifact.ledgerWatermark.seq;
    artifact.ledgerWatermark.seq = seq + 7;
    await writeFile(project.statePath, `${JSON.stringify(artifact, null, 2)}\n`);

    const requests = nih.proxy.requests.length;
    const refused = await project.freshet(['run']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`says the ledger watermark was commit ${seq + 7}`);
    expect(refused.stderr).toContain('run `freshet checkpoint reconcile` to rebuild it from the store');
    // Nothing started: no request, no new checkpoint, and the refusal is on the record.
    expect(nih.proxy.requests.length).toBe(requests);
    expect(await store.getCheckpoint(partitionKey('2025-W10'))).toBeNull();
    const refusedRuns = (await project.freshet(['runs', 'list', '--status', 'refused', '--json'])).json<
      RunRowJson[]
    >();
    expect(refusedRuns).toMatchObject([{ error: { code: 'CHECKPOINT_MISMATCH' } }]);
    expect((await project.freshet(['checkpoint', 'validate'])).code).toBe(3);

    const reconciled = await project.freshet(['checkpoint', 'reconcile', '--json']);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    const { backupPath } = reconciled.json<{ backupPath: string }>();
    expect(JSON.parse(await readFile(backupPath, 'utf8'))).toMatchObject({
      ledgerWatermark: { seq: seq + 7 },
    });
    expect((await project.freshet(['checkpoint', 'validate'])).code).toBe(0);

    const after = await project.freshet(['run', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.json<RunSummary>()).toMatchObject({ status: 'succeeded', totals: { complete: 2 } });

    // 2. The file is corrupted (truncated).
    const text = await readFile(project.statePath, 'utf8');
    await writeFile(project.statePath, text.slice(0, text.length / 2));
    const broken = await project.freshet(['run', '--force', '--json']);
    expect(broken.code).toBe(3);
    expect(broken.json<RunSummary>()).toMatchObject({
      status: 'refused',
      refusal: { code: 'STATE_INVALID', message: expect.stringContaining('freshet checkpoint reconcile') },
    });
    expect((await project.freshet(['checkpoint', 'reconcile'])).code).toBe(0);
    const fixed = await project.freshet(['run', '--force', '--json']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.json<RunSummary>()).toMatchObject({ status: 'succeeded', totals: { complete: 3 } });
  });
});
