import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingDatabase } from './statement-cache.js';

describe('cachingDatabase', () => {
  it('prepares each SQL text once and hands the same statement back', () => {
    const raw = new BetterSqlite3(':memory:');
    let prepared = 0;
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((sql: string) => {
      prepared++;
      return prepare(sql);
    }) as typeof raw.prepare;
    const db = cachingDatabase(raw, 2);
    const a = db.prepare('select 1 as n');
    expect(db.prepare('select 1 as n')).toBe(a);
    expect(a.all([])).toEqual([{ n: 1 }]);
    expect(prepared).toBe(1);

    // Least recently used goes first: `a` was used last, so `b` is evicted by `c`.
    const b = db.prepare('select 2 as n');
    db.prepare('select 1 as n');
    db.prepare('select 3 as n');
    expect(db.prepare('select 1 as n')).toBe(a);
    expect(db.prepare('select 2 as n')).not.toBe(b);
    expect(prepared).toBe(4);
    db.close();
    expect(raw.open).toBe(false);
  });

  it('prepares a fresh statement while the cached one is still iterating', () => {
    const raw = new BetterSqlite3(':memory:');
    const db = cachingDatabase(raw);
    const sql = 'select value from json_each(?)';
    const outer = db.prepare(sql);
    const seen: unknown[] = [];
    for (const row of outer.iterate(['[1, 2]'])) {
      const inner = db.prepare(sql);
      expect(inner).not.toBe(outer);
      seen.push(row, inner.all(['[3]']));
    }
    expect(seen).toEqual([{ value: 1 }, [{ value: 3 }], { value: 2 }, [{ value: 3 }]]);
    expect(db.prepare(sql)).toBe(outer);
    db.close();
  });
});
