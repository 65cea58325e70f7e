import { ErrorCodes, FreshetError, redactedUrl } from '@freshet/core';
import { z } from 'zod';
import { DEFAULT_JITTER_ALLOWANCE_MS } from './settings.js';

export const DEFAULT_PREFIX = 'freshet';

/** The config's `limiter` object for this plugin, as checked. */
export interface RedisLimiterConfig {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Starts every Redis key and channel of the shared limiter. Default `freshet`. */
  prefix: string;
  /**
   * How late a request may start after the moment Bottleneck reserved for it without two starts
   * crowding into one quota interval; the spacing is lengthened to allow it. Default 40 ms.
   */
  jitterAllowanceMs: number;
}

const EXAMPLE_URL = 'redis://127.0.0.1:6379';
const PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

const isRedisUrl = (value: string): boolean => {
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'redis:' || protocol === 'rediss:') && hostname.length > 0;
  } catch {
    return false;
  }
};

const schema = z.strictObject({
  // The key that picked this plugin; a loader may pass it along with the rest.
  use: z.string().optional(),
  url: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `is missing: set it to the Redis URL every worker shares, e.g. ${EXAMPLE_URL}`
          : 'must be a string, the Redis URL',
    })
    .refine(isRedisUrl, {
      message: `must be a redis:// or rediss:// URL with a host, e.g. ${EXAMPLE_URL}`,
    }),
  prefix: z
    .string({ error: 'must be a string' })
    .regex(PREFIX_PATTERN, {
      message:
        "must be 1 to 64 letters, digits, '-', '_', '.' or ':'; it starts every Redis key of the shared limiter, so the workers that share quotas must use the same one",
    })
    .default(DEFAULT_PREFIX),
  jitterAllowanceMs: z
    .number({ error: 'must be a number of milliseconds' })
    .int({ message: 'must be a whole number of milliseconds' })
    .min(0, { message: 'must be from 0 to 1000 ms' })
    .max(1000, {
      message: `must be from 0 to 1000 ms: how late a start may be without crowding one interval (default ${DEFAULT_JITTER_ALLOWANCE_MS})`,
    })
    .default(DEFAULT_JITTER_ALLOWANCE_MS),
});

const KNOWN_KEYS = ['use', 'url', 'prefix', 'jitterAllowanceMs'];

/**
 * Checks the config's `limiter` object. Anything wrong throws one CONFIG_INVALID naming each bad
 * key as `limiter.<key>` with what it must be; a URL is only ever echoed with its password hidden.
 */
export function parseRedisLimiterConfig(input: unknown): RedisLimiterConfig {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const { url, prefix, jitterAllowanceMs } = parsed.data;
    return { url, prefix, jitterAllowanceMs };
  }

  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys
        .map(
          (key) => `limiter.${key} is not a setting of the Redis limiter (known: ${KNOWN_KEYS.join(', ')})`,
        )
        .join('; ');
    }
    const key = issue.path[0];
    if (key === undefined) return `limiter must be an object such as { use: 'redis', url: '${EXAMPLE_URL}' }`;
    const given = (input as Record<string, unknown>)[String(key)];
    const got = given === undefined ? '' : ` (got ${shown(String(key), given)})`;
    return `limiter.${String(key)} ${issue.message}${got}`;
  });
  throw new FreshetError(ErrorCodes.CONFIG_INVALID, `invalid limiter settings: ${problems.join('; ')}`, {
    hint: 'fix the `limiter` object of the config, or remove it to limit each process on its own',
    details: {
      keys: parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => `limiter.${key}`)
          : [issue.path.length ? `limiter.${issue.path.join('.')}` : 'limiter'],
      ),
    },
  });
}

/** A bad value as a message shows it: short, and a URL without its password. */
function shown(key: string, value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value !== 'string') return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  const text = key === 'url' ? redactedUrl(value) : value;
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
