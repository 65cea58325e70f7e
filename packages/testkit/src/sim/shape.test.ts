import { describe, expect, it } from 'vitest';
import { shapeDiff } from './shape.js';

describe('shapeDiff', () => {
  const sample = {
    id: 1,
    name: 'x',
    tags: ['a'],
    org: { uei: 'U', city: null },
    people: [{ n: 'a', pi: true }],
  };

  it('accepts the same shape with other values and extra fields', () => {
    expect(
      shapeDiff(sample, {
        id: 2,
        name: 'y',
        tags: [],
        org: { uei: 'V', city: 'Z' },
        people: [{ n: 'b', pi: false }],
        x: 1,
      }),
    ).toEqual([]);
  });

  it('names each missing or retyped path once', () => {
    const got = {
      id: '1',
      tags: ['a', 2, 3],
      org: { uei: null, city: null },
      people: [{ n: 'a' }, { n: 'b' }],
    };
    expect(shapeDiff(sample, got)).toEqual([
      'id: expected number, got string',
      'name: missing',
      'tags[]: expected string, got number',
      'org.uei: expected string, got null',
      'people[].pi: missing',
    ]);
  });

  it('allows listed nulls and reports extras when strict', () => {
    expect(
      shapeDiff(sample, { ...sample, org: { uei: null, city: null } }, { nullable: ['org.uei'] }),
    ).toEqual([]);
    expect(shapeDiff({ a: 1 }, { a: 1, b: 2 }, { strictExtra: true })).toEqual(['b: not in sample']);
  });
});
