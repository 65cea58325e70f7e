import { type FreshetError, type Logger, redactedUrl } from '@freshet/core';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { reasonOf, unavailable } from './errors.js';
import { createRedisClient, isCommandTimeout, untilReady, withTimeout } from './redis-client.js';

/**
 * The one Redis connection of a factory: a command client (Bottleneck's scripts, the shared
 * pause) and the subscriber Bottleneck duplicates from it (capacity messages), watched so the
 * limiters know at every moment whether the shared quota can be checked.
 */
export interface SharedConnection {
  readonly client: Redis;
  /** Handed to every source's Bottleneck as `connection`. */
  readonly bottleneck: Bottleneck.IORedisConnection;
  /** The URL with its password hidden. */
  readonly shownUrl: string;
  /** Both clients are connected and the connection is not closed. */
  available(): boolean;
  /** Calls `listener` once each time the connection goes from available to lost. */
  onLost(listener: () => void): void;
  /** Resolves once the connection is available again, or closed. */
  whenAvailable(): Promise<void>;
  /**
   * LIMITER_UNAVAILABLE for `source`, saying why the connection cannot be used now. A command
   * that timed out means the connection is dead without knowing it: it is redialled.
   */
  unavailableError(source?: string, cause?: unknown): FreshetError;
  /** Looks at an error of a Redis command run elsewhere (Bottleneck's), redialling on a timeout. */
  noteError(err: unknown): void;
  close(): Promise<void>;
}

export interface OpenConnectionOptions {
  url: string;
  logger: Logger;
  /** How long Redis has to answer before opening fails. */
  connectTimeoutMs: number;
}

interface BottleneckClients {
  client: Redis;
  subscriber: Redis;
}

// Bottleneck 2.19.5 declares `ready()` on IORedisConnection, but it is a promise property.
const connectionReady = (connection: Bottleneck.IORedisConnection): Promise<BottleneckClients> =>
  (connection as unknown as { ready: Promise<BottleneckClients> }).ready;

/** Connects and checks that Redis answers (PING), or fails with LIMITER_UNAVAILABLE. */
export async function openSharedConnection(options: OpenConnectionOptions): Promise<SharedConnection> {
  const { logger, connectTimeoutMs } = options;
  const shownUrl = redactedUrl(options.url);
  const client = createRedisClient(options.url);
  // Until Bottleneck listens (below), a connection error would otherwise go to ioredis' console
  // warning; untilReady reports the first one.
  const quiet = () => {};
  client.on('error', quiet);
  let subscriber: Redis | undefined;
  let connection: Bottleneck.IORedisConnection;
  try {
    const waitFor = <T>(step: Promise<T>) =>
      withTimeout(step, connectTimeoutMs, `no answer within ${connectTimeoutMs} ms`);
    await waitFor(untilReady(client));
    await waitFor(client.ping());
    // Bottleneck is given the ioredis module itself: its own `require('ioredis')` fallback does
    // not exist in an ES module.
    connection = new Bottleneck.IORedisConnection({ client, Redis });
    subscriber = (connection as unknown as { subscriber: Redis }).subscriber;
    client.off('error', quiet);
    await waitFor(connectionReady(connection));
  } catch (err) {
    client.disconnect();
    subscriber?.disconnect();
    throw unavailable(shownUrl, reasonOf(err), 'open', undefined, err);
  }
  return watch(client, subscriber, connection, shownUrl, logger);
}

function watch(
  client: Redis,
  subscriber: Redis,
  connection: Bottleneck.IORedisConnection,
  shownUrl: string,
  logger: Logger,
): SharedConnection {
  const lostListeners: Array<() => void> = [];
  let backWaiters: Array<() => void> = [];
  const wakeWaiters = () => {
    const waiters = backWaiters;
    backWaiters = [];
    for (const wake of waiters) wake();
  };
  let closed = false;
  let up = true;
  let lostAt = 0;
  let lastError = 'the connection closed';

  const isUp = () => !closed && client.status === 'ready' && subscriber.status === 'ready';
  const check = () => {
    if (closed) return;
    const now = isUp();
    if (up && !now) {
      up = false;
      lostAt = Date.now();
      logger.warn({ url: shownUrl, reason: lastError }, 'shared limiter lost Redis');
      for (const listener of lostListeners) listener();
    } else if (!up && now) {
      up = true;
      logger.info({ url: shownUrl, downMs: Date.now() - lostAt }, 'shared limiter reconnected');
      wakeWaiters();
    }
  };
  for (const redis of [client, subscriber]) {
    redis.on('close', check);
    redis.on('end', check);
    redis.on('ready', check);
  }
  // A socket that stopped answering never closes by itself: drop it so ioredis redials, and the
  // outage is seen (and logged) like any other.
  const noteError = (err: unknown) => {
    if (closed || !isCommandTimeout(err) || client.status !== 'ready') return;
    lastError = 'Redis stopped answering';
    logger.warn({ url: shownUrl }, 'shared limiter Redis stopped answering; reconnecting');
    client.disconnect(true);
    subscriber.disconnect(true);
  };
  // Bottleneck forwards both clients' errors here (a refused redial, a heartbeat that failed).
  // The outage itself is logged once above; the errors only say why.
  connection.on('error', (err: unknown) => {
    lastError = reasonOf(err);
    logger.debug({ url: shownUrl, reason: lastError }, 'shared limiter Redis error');
  });

  return {
    client,
    bottleneck: connection,
    shownUrl,
    available: isUp,
    onLost: (listener) => {
      lostListeners.push(listener);
    },
    whenAvailable: () =>
      closed || isUp() ? Promise.resolve() : new Promise<void>((resolve) => backWaiters.push(resolve)),
    noteError,
    unavailableError: (source, cause) => {
      noteError(cause);
      const why = closed
        ? 'the limiter factory is closed'
        : isUp() && cause !== undefined
          ? reasonOf(cause)
          : `the connection is down (${lastError})`;
      return unavailable(shownUrl, why, 'running', source, cause);
    },
    async close() {
      if (closed) return;
      closed = true;
      wakeWaiters();
      try {
        // Clears every source's heartbeat and quits both clients.
        await connection.disconnect(true);
      } catch {
        // Quitting needs a live connection; without one, just drop the sockets.
      } finally {
        client.disconnect();
        subscriber.disconnect();
      }
    },
  };
}
