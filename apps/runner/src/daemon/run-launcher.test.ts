import { describe, expect, it } from 'vitest';
import type { Plan } from '../planner/types.js';
import type { RunSummary } from '../runs/types.js';
import { createRunLauncher, type ExecuteLaunch } from './run-launcher.js';

const summary = (runKey: string, status: RunSummary['status'] = 'succeeded') =>
  ({ runId: `run_${runKey}`, runKey, status }) as RunSummary;

/** An execute whose runs are created and finished when the test says so. */
function controlledExecute() {
  const runs = new Map<
    string,
    { create(): void; plan(): void; finish(status?: RunSummary['status']): void; fail(e: Error): void }
  >();
  const execute: ExecuteLaunch = (request) =>
    new Promise<RunSummary>((resolve, reject) => {
      runs.set(request.runKey, {
        create: () => request.onEvent({ type: 'run-created', runId: `run_${request.runKey}` }),
        plan: () => request.onEvent({ type: 'plan', runId: `run_${request.runKey}`, plan: {} as Plan }),
        finish: (status = 'succeeded') => resolve(summary(request.runKey, status)),
        fail: reject,
      });
    });
  return { execute, runs };
}

describe('the run launcher', () => {
  it('resolves once the run has its plan (it holds the run lock then), while it goes on in the background', async () => {
    const { execute, runs } = controlledExecute();
    const finished: RunSummary[] = [];
    const launcher = createRunLauncher({ execute, onFinished: (s) => finished.push(s) });
    let launched = false;
    const launch = launcher.launch({ trigger: 'sensor', runKey: 'sensor:1' }).then(() => {
      launched = true;
    });
    await Promise.resolve();
    expect(launched).toBe(false);
    runs.get('sensor:1')?.create();
    await new Promise((r) => setImmediate(r));
    expect(launched).toBe(false);
    runs.get('sensor:1')?.plan();
    await launch;
    expect(launcher.inFlight).toBe(1);
    let idle = false;
    const waiting = launcher.idle().then(() => {
      idle = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    runs.get('sensor:1')?.finish();
    await waiting;
    expect(launcher.inFlight).toBe(0);
    expect(finished.map((s) => s.runKey)).toEqual(['sensor:1']);
  });

  it('resolves for a run key that had a run already (no row is created)', async () => {
    const { execute, runs } = controlledExecute();
    const launcher = createRunLauncher({ execute });
    const launch = launcher.launch({ trigger: 'schedule', runKey: 'schedule:t' });
    runs.get('schedule:t')?.finish('duplicate');
    await expect(launch).resolves.toBeUndefined();
  });

  it('rejects when the run could not be recorded, so the caller asks again next tick', async () => {
    const { execute, runs } = controlledExecute();
    const errors: unknown[] = [];
    const launcher = createRunLauncher({ execute, onError: (e) => errors.push(e) });
    const launch = launcher.launch({ trigger: 'sensor', runKey: 'sensor:2' });
    runs.get('sensor:2')?.fail(new Error('database is locked'));
    await expect(launch).rejects.toThrow('database is locked');
    expect(errors).toEqual([]);
    // After the row exists, a failure is the run's own: reported, not thrown at the tick.
    const later = launcher.launch({ trigger: 'sensor', runKey: 'sensor:3' });
    runs.get('sensor:3')?.create();
    runs.get('sensor:3')?.fail(new Error('disk full'));
    await later;
    await launcher.idle();
    expect(errors).toEqual([new Error('disk full')]);
  });
});
