import { describe, expect, it } from 'vitest';
import { payloadHash } from './hashing.js';

describe('payloadHash', () => {
  it('ignores key order but not values', () => {
    const a = payloadHash({ appl_id: 1, org: { name: 'X', uei: 'ABC' } });
    const b = payloadHash({ org: { uei: 'ABC', name: 'X' }, appl_id: 1 });
    const c = payloadHash({ appl_id: 1, org: { name: 'X', uei: 'ABD' } });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps array order significant', () => {
    expect(payloadHash([1, 2])).not.toBe(payloadHash([2, 1]));
  });

  it('refuses circular values instead of hashing something wrong', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => payloadHash(loop)).toThrow(TypeError);
  });
});
