import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answers } from './services.mjs';

describe('the services check', () => {
  it('tells a port that accepts connections from one that does not', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    expect(await answers(address.port)).toBe(true);
    await new Promise((closed) => server.close(closed));
    expect(await answers(address.port)).toBe(false);
  });
});
