import { describe, expect, it } from 'vitest';
import { createSlots } from './slots.js';

const never = new AbortController().signal;

/** Settles pending promise callbacks (no timers involved). */
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => undefined);

describe('createSlots', () => {
  it('grants free slots at once, then makes callers wait until one is released, first come first served', async () => {
    const slots = createSlots(2);
    const order: string[] = [];
    await slots.acquire(never);
    await slots.acquire(never);
    const third = slots.acquire(never).then(() => order.push('third'));
    const fourth = slots.acquire(never).then(() => order.push('fourth'));
    await flush();
    expect(order).toEqual([]);

    slots.release();
    await third;
    expect(order).toEqual(['third']);
    slots.release();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('never holds more than its capacity, however releases and acquires interleave', async () => {
    const slots = createSlots(3);
    let held = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await slots.acquire(never);
        held++;
        most = Math.max(most, held);
        for (let k = 0; k < i % 4; k++) await flush();
        held--;
        slots.release();
      }),
    );
    expect(most).toBe(3);
    expect(held).toBe(0);
  });

  it('drops a waiter whose signal fires, so its turn goes to the next one', async () => {
    const slots = createSlots(1);
    await slots.acquire(never);
    const controller = new AbortController();
    const cancelled = slots.acquire(controller.signal);
    let nextGot = false;
    const next = slots.acquire(never).then(() => {
      nextGot = true;
    });
    controller.abort(new Error('gone'));
    await expect(cancelled).rejects.toThrow('gone');

    slots.release();
    await next;
    expect(nextGot).toBe(true);
  });

  it('refuses at once when the signal has already fired, taking no slot', async () => {
    const slots = createSlots(1);
    await expect(slots.acquire(AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
    await expect(slots.acquire(never)).resolves.toBeUndefined();
  });
});
