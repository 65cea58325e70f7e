import { describe, expect, it } from 'vitest';
import { statementNames } from './prepared-statements.js';

describe('statementNames', () => {
  it('names a write from its second use on, the same name each time', () => {
    const names = statementNames();
    const insert = 'insert into records (source, "key") values ($1, $2)';
    expect(names.nameFor(insert)).toBeUndefined();
    const name = names.nameFor(insert);
    expect(name).toMatch(/^freshet_\d+$/);
    expect(names.nameFor(insert)).toBe(name);
    expect(names.nameFor('update ledger_clock set seq = seq + 1 where id = 1 returning seq')).toBeUndefined();
  });

  it('never names a read, whose plan may depend on its values', () => {
    const names = statementNames();
    const select = 'select * from checkpoints where source = $1';
    for (let i = 0; i < 5; i++) expect(names.nameFor(select)).toBeUndefined();
  });

  it('names at most 200 texts, so one-off statements cannot pile up on the server', () => {
    const names = statementNames();
    const named = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const text = `delete from meta where "key" = $1 and ${i} = ${i}`;
      names.nameFor(text);
      const name = names.nameFor(text);
      if (name !== undefined) named.add(name);
    }
    expect(named.size).toBe(200);
  });
});
