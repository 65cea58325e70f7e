import type { Logger } from '@freshet/core';
import Bottleneck from 'bottleneck';
import type { SharedConnection } from './connection.js';
import { reasonOf } from './errors.js';
import type { BottleneckSettings } from './settings.js';

/**
 * How often each source's Bottleneck reports to Redis. Each beat frees the slots of jobs past
 * their expiration (a dead worker's) and tells every process there is capacity, so this bounds how
 * long a freed slot goes unused. One small script per source per process per beat.
 */
export const HEARTBEAT_MS = 1000;

/** One source's Bottleneck in this process, shared by every limiter the factory makes for it. */
export interface SourceBottleneck {
  /** Bottleneck's limiter id: its Redis keys are `b_<id>_…`, its channel `b_<id>`. */
  readonly id: string;
  /** The source's Bottleneck, made anew when the last one could not reach Redis to start. */
  current(): Bottleneck;
  /** Puts `settings` in force in Redis for every process: the latest config wins. */
  configure(settings: BottleneckSettings): void;
  /**
   * Looks at an error of the source's Bottleneck: one that says Redis lost its keys (a restart
   * with nothing kept) retires the instance, so the next use starts a new one, which writes them
   * again. True when it did.
   */
  recover(err: unknown): boolean;
}

/** What Bottleneck's scripts answer once Redis has lost the limiter's keys (or this process's). */
const KEYS_LOST = ['SETTINGS_KEY_NOT_FOUND', 'UNKNOWN_CLIENT'];

export interface SourceBottleneckOptions {
  connection: SharedConnection;
  prefix: string;
  sourceId: string;
  settings: BottleneckSettings;
  logger: Logger;
}

export function createSourceBottleneck(options: SourceBottleneckOptions): SourceBottleneck {
  const { connection, sourceId, logger } = options;
  const id = `${options.prefix}:${sourceId}`;
  let wanted = { maxConcurrent: options.settings.maxConcurrent, minTime: options.settings.minTime };
  let instance: Bottleneck | undefined;
  let ready = false;
  let broken = false;

  function make(): Bottleneck {
    const limiter = new Bottleneck({
      id,
      datastore: 'ioredis',
      connection: connection.bottleneck,
      ...wanted,
      // Other processes share these keys: never wipe them on start.
      clearDatastore: false,
      heartbeatInterval: HEARTBEAT_MS,
    });
    limiter.on('error', (err: unknown) => {
      if (retireIfKeysLost(limiter, err)) return;
      connection.noteError(err);
      logger.debug({ source: sourceId, reason: reasonOf(err) }, 'shared limiter error');
    });
    ready = false;
    broken = false;
    // A Bottleneck that cannot reach Redis to start never recovers: it is replaced on next use.
    limiter.ready().then(
      () => {
        if (instance !== limiter) return;
        ready = true;
        void sync(limiter);
      },
      (err: unknown) => {
        if (instance !== limiter) return;
        broken = true;
        logger.debug({ source: sourceId, reason: reasonOf(err) }, 'shared limiter could not start');
      },
    );
    return limiter;
  }

  /**
   * The first process to start a source's Bottleneck stores its settings in Redis; a process with
   * other settings (a config changed, a rolling deploy) overwrites them, and says so, since every
   * process then runs by them.
   */
  async function sync(limiter: Bottleneck): Promise<void> {
    const target = wanted;
    try {
      // Bottleneck 2.19.5 keeps a limiter's settings in the hash `b_<id>_settings`.
      const [maxConcurrent, minTime] = await connection.client.hmget(
        `b_${id}_settings`,
        'maxConcurrent',
        'minTime',
      );
      const stored = { maxConcurrent: Number(maxConcurrent), minTime: Number(minTime) };
      if (stored.maxConcurrent === target.maxConcurrent && stored.minTime === target.minTime) {
        logger.info({ source: sourceId, id, ...target }, 'shared limiter ready');
        return;
      }
      // Typed as returning the limiter; it returns a promise of it.
      await (limiter.updateSettings(target) as unknown as Promise<Bottleneck>);
      logger.warn(
        { source: sourceId, id, was: stored, now: target },
        'shared limiter settings replaced: the quota stored in Redis differed; every process now uses this one',
      );
    } catch (err) {
      logger.warn({ source: sourceId, id, reason: reasonOf(err) }, 'shared limiter settings not checked');
    }
  }

  function retireIfKeysLost(limiter: Bottleneck, err: unknown): boolean {
    const reason = reasonOf(err);
    if (!KEYS_LOST.some((answer) => reason.includes(answer))) return false;
    if (instance === limiter && !broken) {
      broken = true;
      logger.warn(
        { source: sourceId, id },
        'shared limiter keys were gone from Redis (a restart): starting it again',
      );
      // Its heartbeat would keep failing; the shared connection stays open for the new one.
      void Promise.resolve()
        .then(() => limiter.disconnect(false))
        .catch(() => {});
    }
    return true;
  }

  return {
    id,
    recover(err) {
      return instance !== undefined && retireIfKeysLost(instance, err);
    },
    current() {
      if (instance === undefined || broken) instance = make();
      return instance;
    },
    configure(settings) {
      const next = { maxConcurrent: settings.maxConcurrent, minTime: settings.minTime };
      if (next.maxConcurrent === wanted.maxConcurrent && next.minTime === wanted.minTime) return;
      wanted = next;
      if (instance !== undefined && ready) void sync(instance);
    },
  };
}
