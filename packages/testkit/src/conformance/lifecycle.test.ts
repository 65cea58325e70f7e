import { describe, expect, it } from 'vitest';
import { closeAfterEach } from './lifecycle.js';

describe('closeAfterEach', () => {
  const track = closeAfterEach();
  const closed: string[] = [];
  const closable = (name: string) => ({ close: async () => void closed.push(name) });

  it('gives back what it tracks, closing nothing yet', () => {
    const first = closable('first');
    expect(track(first)).toBe(first);
    track(closable('second'));
    expect(closed).toEqual([]);
  });

  it('closed it all after the test, the last opened first, and only once', () => {
    expect(closed).toEqual(['second', 'first']);
  });

  it('has nothing left to close after that', () => {
    expect(closed).toEqual(['second', 'first']);
  });
});
