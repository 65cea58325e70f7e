import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { payloadHash, sha256Hex } from './hashing.js';

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

describe('sha256Hex', () => {
  it('is the sha256 of the text, in hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const text = JSON.stringify({ appl_id: 1, title: 'Ünïcode – text' });
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('payloadHash is the sha256 of the canonical JSON', () => {
    expect(payloadHash({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe(
      sha256Hex('{"a":[2,{"c":"x","d":null}],"b":1}'),
    );
    expect(payloadHash(undefined)).toBe(sha256Hex('null'));
  });
});
