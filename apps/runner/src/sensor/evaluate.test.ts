import type { AssetEvent } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { evaluateSensor, markRequested, pendingRunRequest } from './evaluate.js';
import type { SensorInputs, SensorState } from './types.js';

const now = new Date('2025-03-20T12:00:00Z');
let nextId = 1;
const event = (asset: string, status: 'success' | 'failure', message: string | null = null): AssetEvent => ({
  id: nextId++,
  asset,
  status,
  message,
  at: now,
});
const inputs = (events: AssetEvent[], upstreamAssets = ['bulk_a', 'bulk_b']): SensorInputs => ({
  upstreamAssets,
  latestEvents: events,
  now,
});

/** Feeds events one at a time, as the store would show them, and returns each state. */
function replay(events: AssetEvent[], upstream = ['bulk_a', 'bulk_b']): SensorState[] {
  const states: SensorState[] = [];
  let previous: SensorState | null = null;
  const latest = new Map<string, AssetEvent>();
  for (const e of events) {
    latest.set(e.asset, e);
    previous = evaluateSensor(previous, inputs([...latest.values()], upstream)).state;
    states.push(previous);
  }
  return states;
}

describe('evaluateSensor', () => {
  it('waits until every upstream asset succeeded, then is active', () => {
    const first = evaluateSensor(null, inputs([]));
    expect(first.state.status).toBe('waiting');
    expect(first.state.waitingFor).toEqual(['bulk_a', 'bulk_b']);
    expect(first.transition).toEqual({
      from: null,
      to: 'waiting',
      reason: expect.stringContaining('bulk_a'),
    });

    const a = event('bulk_a', 'success');
    const half = evaluateSensor(first.state, inputs([a]));
    expect(half.state.status).toBe('waiting');
    expect(half.state.waitingFor).toEqual(['bulk_b']);
    // Same status, different reason: still a transition worth keeping.
    expect(half.transition?.from).toBe('waiting');

    const all = evaluateSensor(half.state, inputs([a, event('bulk_b', 'success')]));
    expect(all.state.status).toBe('active');
    expect(all.transition).toMatchObject({ from: 'waiting', to: 'active' });
  });

  it('pauses on any failure with that asset and message, and the next success lifts it', () => {
    const states = replay([
      event('bulk_a', 'success'),
      event('bulk_b', 'success'),
      event('bulk_b', 'failure', 'disk full'),
      event('bulk_b', 'success'),
    ]);
    expect(states.map((s) => s.status)).toEqual(['waiting', 'active', 'paused', 'active']);
    expect(states[2]?.reason).toBe('upstream asset bulk_b failed: disk full');
    expect(states[2]?.failures).toEqual([expect.objectContaining({ asset: 'bulk_b', message: 'disk full' })]);
  });

  it('returns to waiting, not active, when a pause lifts before the others ever succeeded', () => {
    const states = replay([event('bulk_a', 'failure', 'boom'), event('bulk_a', 'success')]);
    expect(states.map((s) => s.status)).toEqual(['paused', 'waiting']);
  });

  it('stays paused while another asset still fails', () => {
    const states = replay([
      event('bulk_a', 'failure', 'one'),
      event('bulk_b', 'failure', 'two'),
      event('bulk_a', 'success'),
    ]);
    expect(states.map((s) => s.status)).toEqual(['paused', 'paused', 'paused']);
    expect(states[1]?.reason).toContain('bulk_a failed: one; upstream asset bulk_b failed: two');
    expect(states[2]?.reason).toBe('upstream asset bulk_b failed: two');
  });

  it('ignores assets that are not upstream', () => {
    const result = evaluateSensor(null, inputs([event('other', 'failure', 'x')], ['bulk_a']));
    expect(result.state.status).toBe('waiting');
  });

  it('is active with no upstream assets configured', () => {
    expect(evaluateSensor(null, inputs([], [])).state.status).toBe('active');
  });

  it('reports no change (nothing to save) when nothing changed', () => {
    const a = event('bulk_a', 'success');
    const first = evaluateSensor(null, inputs([a], ['bulk_a']));
    const again = evaluateSensor(first.state, {
      ...inputs([a], ['bulk_a']),
      now: new Date(now.getTime() + 1),
    });
    expect(again.changed).toBe(false);
    expect(again.transition).toBeNull();
    expect(again.state.since).toBe(first.state.since);
  });
});

describe('pendingRunRequest', () => {
  it('asks for one run per newest upstream success, keyed by its event id', () => {
    const a = event('bulk_a', 'success');
    const b = event('bulk_b', 'success');
    const state = evaluateSensor(null, inputs([a, b])).state;
    const request = pendingRunRequest(state, inputs([a, b]));
    expect(request).toEqual({ runKey: `sensor:${b.id}`, eventId: b.id });

    const requested = markRequested(state, request!);
    expect(pendingRunRequest(requested, inputs([a, b]))).toBeNull();

    const a2 = event('bulk_a', 'success');
    expect(pendingRunRequest(requested, inputs([a2, b]))?.runKey).toBe(`sensor:${a2.id}`);
  });

  it('asks for nothing unless active', () => {
    const a = event('bulk_a', 'success');
    const waiting = evaluateSensor(null, inputs([a])).state;
    expect(pendingRunRequest(waiting, inputs([a]))).toBeNull();
    const f = event('bulk_b', 'failure');
    const paused = evaluateSensor(null, inputs([a, f])).state;
    expect(pendingRunRequest(paused, inputs([a, f]))).toBeNull();
  });
});
