import { describe, expect, it } from 'vitest';
import { ErrorCodes, type FreshetError } from '../errors.js';
import { assertDistinctKeys } from './record-keys.js';

function thrown(keys: string[]): FreshetError {
  try {
    assertDistinctKeys(keys, 'src', 'src:batch_0001');
  } catch (err) {
    return err as FreshetError;
  }
  throw new Error('expected DUPLICATE_RECORD_KEY');
}

describe('assertDistinctKeys', () => {
  it('passes distinct keys', () => {
    expect(() => assertDistinctKeys(['a', 'b', 'c'], 'src', 'src:batch_0001')).not.toThrow();
  });

  it('names every repeated key and its count, at most five, and lists them all in details', () => {
    const keys = ['a', 'a', 'b', 'c', 'c', 'c', ...['d', 'e', 'f', 'g', 'h'].flatMap((k) => [k, k])];
    const err = thrown(keys);
    expect(err.code).toBe(ErrorCodes.DUPLICATE_RECORD_KEY);
    expect(err.message).toContain('[freshet] [src] a slice of src:batch_0001 returned 16 records');
    expect(err.message).toContain('"a" (2 records), "c" (3 records), "d" (2 records)');
    expect(err.message).toContain('"f" (2 records) and 2 more share a key');
    expect(err.message).not.toContain('"b"');
    expect(err.details?.duplicateKeys).toEqual(['a', 'c', 'd', 'e', 'f', 'g', 'h']);
  });
});
