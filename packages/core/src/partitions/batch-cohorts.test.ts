import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { batchCohorts } from './batch-cohorts.js';
import { expectRefusal } from './expect-refusal.js';

const batches = batchCohorts({ prefix: 'uei_batch' });

describe('batchCohorts', () => {
  it('parses zero-padded, 1-based batch numbers with no window', () => {
    expect(batches.parse('uei_batch_0001')).toEqual({
      key: 'uei_batch_0001',
      value: '0001',
      ordinal: 1,
      window: null,
    });
    expect(batches.parse('uei_batch_0420').ordinal).toBe(420);
    expect(batches.fromOrdinal(9999).key).toBe('uei_batch_9999');
    expect(batches.example).toBe('uei_batch_0001');
    expect(batches.kind).toBe('batch');
  });

  it('has no notion of an instant', () => {
    expect(batches.containing).toBeUndefined();
    expect('containing' in batches).toBe(false);
  });

  it('honours the digits option', () => {
    const wide = batchCohorts({ prefix: 'uei_batch', digits: 6 });
    expect(wide.parse('uei_batch_000012').ordinal).toBe(12);
    expect(wide.example).toBe('uei_batch_000001');
    expectRefusal(() => wide.parse('uei_batch_0012'), ['"0012"', 'exactly 6 digits', 'uei_batch_000001']);
  });

  it('refuses batch 0, missing padding, non-digits and too many digits', () => {
    expectRefusal(() => batches.parse('uei_batch_0000'), ['"0000"', 'start at 0001', 'uei_batch_0001']);
    expectRefusal(() => batches.parse('uei_batch_1'), ['"1"', 'exactly 4 digits', 'uei_batch_0001']);
    expectRefusal(() => batches.parse('uei_batch_00a1'), ['"00a1"', 'uei_batch_0001']);
    expectRefusal(() => batches.parse('uei_batch_00001'), ['"00001"', 'exactly 4 digits']);
    expectRefusal(() => batches.parse('uei_batch_-001'), ['"-001"']);
    expectRefusal(() => batches.parseValue('١٢٣٤'), ['"١٢٣٤"']);
    expectRefusal(() => batches.fromOrdinal(10_000), ['10000', '1..9999', 'uei_batch_0001']);
  });

  it('expands numbered ranges', () => {
    expect(batches.parseRange('0001..0003').map((c) => c.key)).toEqual([
      'uei_batch_0001',
      'uei_batch_0002',
      'uei_batch_0003',
    ]);
  });

  it('refuses digits it cannot represent exactly', () => {
    expectRefusal(() => batchCohorts({ prefix: 'uei_batch', digits: 0 }), ['"0"'], ErrorCodes.INTERNAL);
    expectRefusal(() => batchCohorts({ prefix: 'uei_batch', digits: 16 }), ['"16"'], ErrorCodes.INTERNAL);
    expectRefusal(() => batchCohorts({ prefix: 'uei_batch', digits: 2.5 }), ['"2.5"'], ErrorCodes.INTERNAL);
  });
});
