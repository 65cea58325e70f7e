import { describe, expect, it } from 'vitest';
import { hashSeed, Rng, weightedPicker } from './random.js';

const UEI = /^[1-9A-HJ-NP-Z][0-9A-HJ-NP-Z]{11}$/;

describe('Rng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number | string) => {
      const rng = new Rng(seed);
      return Array.from({ length: 50 }, () => rng.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('nih')).toEqual(draw('nih'));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('derives independent, repeatable streams from a seed and labels', () => {
    expect(Rng.derive(7, 'project', 1).next()).toBe(Rng.derive(7, 'project', 1).next());
    expect(Rng.derive(7, 'project', 1).next()).not.toBe(Rng.derive(7, 'project', 2).next());
    expect(hashSeed('a', 1)).not.toBe(hashSeed('a1'));
  });

  it('keeps int() within both inclusive bounds and reaches them', () => {
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('samples k distinct ascending indices', () => {
    const rng = new Rng(5);
    const s = rng.sample(1000, 37);
    expect(s).toHaveLength(37);
    expect(new Set(s).size).toBe(37);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(s.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(rng.sample(5, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(() => rng.sample(3, 4)).toThrow(RangeError);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = new Rng(9).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it('picks by weight and never picks a zero weight', () => {
    const pick = weightedPicker([
      ['a', 3],
      ['b', 1],
      ['never', 0],
    ] as const);
    const rng = new Rng(11);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 4000; i++) counts[pick(rng)]++;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.4);
    expect(counts.a / counts.b).toBeLessThan(3.7);
  });

  it('makes UEIs of 12 characters without I or O, never starting with 0', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) expect(rng.uei()).toMatch(UEI);
  });

  it('makes names in the NIH full_name style', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 50; i++) {
      const p = rng.person();
      expect(p.full).toBe(p.middle ? `${p.first} ${p.middle} ${p.last}` : `${p.first}  ${p.last}`);
    }
  });

  it('keeps dates inside the window', () => {
    const rng = new Rng(8);
    const from = new Date('2024-01-01T00:00:00Z');
    const to = new Date('2024-01-31T00:00:00Z');
    for (let i = 0; i < 200; i++) {
      const d = rng.dateBetween(from, to);
      expect(d.getTime()).toBeGreaterThanOrEqual(from.getTime());
      expect(d.getTime()).toBeLessThan(to.getTime());
      const ymd = rng.ymdBetween(from, to);
      expect(ymd >= '2024-01-01' && ymd <= '2024-01-31').toBe(true);
    }
  });
});
