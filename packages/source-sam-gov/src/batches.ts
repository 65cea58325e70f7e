import { createHash } from 'node:crypto';

/** Number of `uei_batch_NNNN` partitions over `count` UEIs. */
export function batchCount(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}

/** The UEIs of 1-based batch `ordinal`: consecutive positions of the sorted list; undefined past the end. */
export function batchUeis(list: readonly string[], ordinal: number, batchSize: number): string[] | undefined {
  const start = (ordinal - 1) * batchSize;
  if (ordinal < 1 || start >= list.length) return undefined;
  return list.slice(start, start + batchSize);
}

/** A short digest of a batch's UEIs: a cursor from another membership must not be resumed. */
export function batchFingerprint(ueis: readonly string[]): string {
  return createHash('sha256').update(ueis.join('\n')).digest('hex').slice(0, 16);
}

/** A bitmap of `size` positions, all clear, as hex (4 positions per digit: 25 digits for 100 UEIs). */
export function emptyBitmap(size: number): string {
  return '0'.repeat(Math.ceil(size / 4));
}

export function setBit(bitmap: string, position: number): string {
  const digit = position >> 2;
  const value = Number.parseInt(bitmap[digit] ?? '0', 16) | (1 << (position & 3));
  return bitmap.slice(0, digit) + value.toString(16) + bitmap.slice(digit + 1);
}

export function hasBit(bitmap: string, position: number): boolean {
  return ((Number.parseInt(bitmap[position >> 2] ?? '0', 16) >> (position & 3)) & 1) === 1;
}
