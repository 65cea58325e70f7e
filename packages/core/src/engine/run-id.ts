import { randomBytes } from 'node:crypto';

/** `run_20250320T120000Z_3f9a1c`: sorts by start time, unique across processes. */
export function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `run_${stamp}_${randomBytes(3).toString('hex')}`;
}
