import { createServer, type Server, type Socket } from 'node:net';
import { ErrorCodes, isFreshetError } from '@freshet/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openLimiterFactory, openRedisLimiterFactory } from './factory.js';
import { captureLogger, REDIS_URL, useTestBed } from './test-support.js';

const SECRET = 'hunter2-limiter-secret';

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const bed = useTestBed();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('opening the factory', () => {
  it('fails quickly with LIMITER_UNAVAILABLE when nothing listens, the password hidden', async () => {
    const port = await deadPort();
    const logger = captureLogger();
    const began = Date.now();
    const err = await openLimiterFactory(
      { use: 'redis', url: `redis://worker:${SECRET}@127.0.0.1:${port}` },
      { logger },
    ).catch((e: unknown) => e);

    expect(Date.now() - began).toBeLessThan(3500);
    expect(isFreshetError(err, ErrorCodes.LIMITER_UNAVAILABLE)).toBe(true);
    if (!isFreshetError(err)) return;
    expect(err.message).toContain(`redis://worker:***@127.0.0.1:${port}`);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).toContain('start Redis or correct limiter.url');
    expect(`${err.message} ${err.stack} ${JSON.stringify(err)}`).not.toContain(SECRET);
    expect(logger.text()).not.toContain(SECRET);
  });

  it('fails with LIMITER_UNAVAILABLE within the timeout when the server accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (!address || typeof address === 'string') throw new Error('no port');

    const began = Date.now();
    const err = await openRedisLimiterFactory({
      url: `redis://:${SECRET}@127.0.0.1:${address.port}`,
      connectTimeoutMs: 500,
    }).catch((e: unknown) => e);
    for (const socket of sockets) socket.destroy();

    expect(Date.now() - began).toBeLessThan(2000);
    expect(isFreshetError(err, ErrorCodes.LIMITER_UNAVAILABLE)).toBe(true);
    if (!isFreshetError(err)) return;
    expect(err.message).toContain('no answer within 500 ms');
    expect(err.message).not.toContain(SECRET);
  });

  it('checks the options before connecting', async () => {
    await expect(openLimiterFactory({ use: 'redis' }, { logger: captureLogger() })).rejects.toMatchObject({
      code: ErrorCodes.CONFIG_INVALID,
    });
  });

  it('opens against a live Redis, says so in the log and is of kind redis', async () => {
    const logger = captureLogger();
    const factory = await openLimiterFactory({ url: REDIS_URL, prefix: bed.prefix }, { logger });
    try {
      expect(factory.kind).toBe('redis');
      expect(logger.lines.map((l) => l.message)).toContain('shared limiter connected');
    } finally {
      await factory.close();
    }
  });
});
