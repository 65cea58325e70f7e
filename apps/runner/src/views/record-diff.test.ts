import { describe, expect, it } from 'vitest';
import { diffPayloads } from './record-diff.js';

describe('diffPayloads', () => {
  it('lists added, removed and modified top-level fields with their values, by field name', () => {
    const before = { title: 'Old', pi: { name: 'Ada' }, amount: 10, dropped: [1, 2], same: { a: [1] } };
    const after = {
      title: 'New',
      pi: { name: 'Ada', orcid: 'x' },
      amount: 10,
      added: null,
      same: { a: [1] },
    };
    expect(diffPayloads(before, after)).toEqual([
      { field: 'added', kind: 'added', after: null },
      { field: 'dropped', kind: 'removed', before: [1, 2] },
      { field: 'pi', kind: 'modified', before: { name: 'Ada' }, after: { name: 'Ada', orcid: 'x' } },
      { field: 'title', kind: 'modified', before: 'Old', after: 'New' },
    ]);
  });

  it('finds nothing between equal payloads, whatever their key order', () => {
    expect(diffPayloads({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('tells a field set to null from a field removed, and an array reordered from one unchanged', () => {
    expect(diffPayloads({ a: 1 }, { a: null })).toEqual([
      { field: 'a', kind: 'modified', before: 1, after: null },
    ]);
    expect(diffPayloads({ a: [1, 2] }, { a: [2, 1] })).toEqual([
      { field: 'a', kind: 'modified', before: [1, 2], after: [2, 1] },
    ]);
  });

  it('reports a payload that is not an object as a change of the whole value, `$`', () => {
    expect(diffPayloads([1], [1, 2])).toEqual([{ field: '$', kind: 'modified', before: [1], after: [1, 2] }]);
    expect(diffPayloads({ a: 1 }, 'text')).toEqual([
      { field: '$', kind: 'modified', before: { a: 1 }, after: 'text' },
    ]);
    expect(diffPayloads(3, 3)).toEqual([]);
  });

  it('treats field names like __proto__ as plain data', () => {
    const before = JSON.parse('{"__proto__": {"x": 1}}');
    const after = JSON.parse('{"__proto__": {"x": 2}}');
    expect(diffPayloads(before, after)).toEqual([
      { field: '__proto__', kind: 'modified', before: { x: 1 }, after: { x: 2 } },
    ]);
  });
});
