import { describe, expect, it } from 'vitest';
import { Printer } from './io.js';
import { printPlanJson } from './plan-json.js';

/** A stdout that keeps every write apart, and can ask the writer to wait. */
function capture(options: { full?: () => boolean } = {}) {
  const writes: string[] = [];
  const listeners: Array<() => void> = [];
  const stdout = {
    write: (text: string) => {
      writes.push(text);
      return options.full ? !options.full() : true;
    },
    once: (event: string, listener: () => void) => {
      if (event === 'drain') listeners.push(listener);
    },
  };
  const drain = () => {
    for (const listener of listeners.splice(0)) listener();
  };
  return { writes, stdout, drain };
}

const plan = (entries: unknown[]) => ({
  generatedAt: '2025-03-20T12:00:00.000Z',
  scope: { sources: null, partitions: [], window: null, force: false },
  entries,
  sources: [{ source: 'nih', dailyBudget: null }],
  problems: [],
  totals: { partitions: entries.length },
});

const entry = (i: number) => ({
  partitionKey: `nih:project_week_${i}`,
  checkpoint: { cursor: { page: i, note: 'line\nbreak "quoted" \u0085' } },
  note: null,
});

describe('printPlanJson', () => {
  it('prints the same text as one JSON document would be, entry by entry', async () => {
    for (const value of [
      plan([]),
      plan([entry(1)]),
      plan(Array.from({ length: 3000 }, (_, i) => entry(i))),
    ]) {
      const out = capture();
      const whole = capture();
      await printPlanJson(new Printer({ stdout: out.stdout, stderr: out.stdout }, []), value);
      new Printer({ stdout: whole.stdout, stderr: whole.stdout }, []).json(value);
      const text = out.writes.join('');
      expect(text).toBe(whole.writes.join(''));
      expect(JSON.parse(text)).toEqual(value);
    }
  });

  it('writes a long plan in pieces, never the whole of it at once, and redacts every piece', async () => {
    const out = capture();
    const entries = Array.from({ length: 3000 }, (_, i) => ({
      ...entry(i),
      note: i === 2500 ? 'uses s3cret' : null,
    }));
    await printPlanJson(new Printer({ stdout: out.stdout, stderr: out.stdout }, ['s3cret']), plan(entries));
    const text = out.writes.join('');
    expect(out.writes.length).toBeGreaterThan(5);
    expect(Math.max(...out.writes.map((w) => w.length))).toBeLessThan(text.length / 5);
    expect(text).not.toContain('s3cret');
    expect(JSON.parse(text).entries[2500].note).toBe('uses ***');
  });

  it('waits for the reader when stdout is full', async () => {
    let full = true;
    const out = capture({ full: () => full });
    const done = printPlanJson(
      new Printer({ stdout: out.stdout, stderr: out.stdout }, []),
      plan(Array.from({ length: 3000 }, (_, i) => entry(i))),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    // One piece written, then it waits for 'drain'.
    expect(out.writes).toHaveLength(1);
    full = false;
    out.drain();
    await done;
    expect(JSON.parse(out.writes.join('')).entries).toHaveLength(3000);
  });
});
