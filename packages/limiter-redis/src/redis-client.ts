import { Redis, type RedisOptions } from 'ioredis';

/**
 * How the limiter's Redis connection behaves when Redis goes away: every command either reaches
 * Redis now or fails now, so a caller learns at once that the shared quota cannot be checked
 * (LIMITER_UNAVAILABLE) instead of a request waiting in a queue and leaving whenever Redis is
 * back. The connection itself keeps redialling, so work resumes on its own.
 */
/** How long one command may go unanswered before the connection counts as dead. */
export const COMMAND_TIMEOUT_MS = 3000;

export const CLIENT_OPTIONS: RedisOptions = {
  // A command issued while disconnected fails at once instead of waiting in ioredis' queue.
  enableOfflineQueue: false,
  // Commands in flight when the connection drops fail on that drop, not after retries...
  maxRetriesPerRequest: 0,
  // ...and are never sent again after a reconnect: a re-sent Bottleneck `register` would hold a
  // concurrency slot that nobody frees until the job's expiration.
  autoResendUnfulfilledCommands: false,
  connectTimeout: 3000,
  // A command Redis does not answer (a host gone, a half-open connection) fails after this long;
  // the connection then redials (SharedConnection). Not ioredis' `socketTimeout`: in 5.11 its
  // timer outlives a dropped socket and destroys the next, healthy one (ioredis#2147).
  commandTimeout: COMMAND_TIMEOUT_MS,
  // Redial forever, backing off to 2 s.
  retryStrategy: (times) => Math.min(100 * times, 2000),
  connectionName: 'freshet-limiter',
};

/** The error ioredis rejects a command with once `commandTimeout` passes. */
export function isCommandTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === 'Command timed out';
}

/** A client for `url` with the options above; it starts connecting at once. */
export function createRedisClient(url: string): Redis {
  return new Redis(url, CLIENT_OPTIONS);
}

/** Resolves once `client` is ready; rejects with the first connection error before that. */
export function untilReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      client.off('error', onError);
      resolve();
    };
    const onError = (err: unknown) => {
      client.off('ready', onReady);
      reject(err);
    };
    client.once('ready', onReady);
    client.once('error', onError);
  });
}

/** `promise`, or a rejection with `message` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
