import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NOTIFY_EVENTS, type NotifyEvent } from '../notify/events.js';
import { milliseconds, text } from './fields.js';
import { SENTENCE } from './issues.js';

// HMAC keys shorter than this are guessable; a receiver could not trust the signature.
export const MIN_NOTIFY_SECRET_LENGTH = 16;
export const DEFAULT_NOTIFY_TIMEOUT_MS = 10_000;
const NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,62}$/i;

const EVENTS_EXPECTED = `"*" (every event) or a list of events: ${NOTIFY_EVENTS.join(', ')}`;

const eventsSchema = z
  .union([z.literal('*'), z.array(z.string())], { error: EVENTS_EXPECTED })
  .check((ctx) => {
    if (ctx.value === '*') return;
    if (ctx.value.length === 0) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: EVENTS_EXPECTED });
      return;
    }
    ctx.value.forEach((event, index) => {
      if ((NOTIFY_EVENTS as readonly string[]).includes(event)) return;
      ctx.issues.push({
        code: 'custom',
        input: event,
        path: [index],
        params: SENTENCE,
        message: `names an unknown event ${JSON.stringify(event)}; the events are ${NOTIFY_EVENTS.join(', ')}, or give "*" for all`,
      });
    });
  });

const URL_EXPECTED = 'an http(s) URL, like "https://hooks.example.com/freshet"';

export const notifyTargetShape = {
  /** Names the target in the outbox and the UI; by default derived from the URL. */
  name: text('a short name of letters, digits, ".", "_" or "-"')
    .refine((name) => NAME_PATTERN.test(name), {
      error: 'a short name of letters, digits, ".", "_" or "-"',
    })
    .optional(),
  url: text(URL_EXPECTED).refine(isHttpUrl, { error: URL_EXPECTED }),
  events: eventsSchema,
  secret: z
    .string({
      error: `a secret of at least ${MIN_NOTIFY_SECRET_LENGTH} characters (from the environment: "\${FRESHET_WEBHOOK_SECRET}")`,
    })
    .min(MIN_NOTIFY_SECRET_LENGTH, {
      error: `a secret of at least ${MIN_NOTIFY_SECRET_LENGTH} characters (from the environment: "\${FRESHET_WEBHOOK_SECRET}")`,
    }),
  timeoutMs: milliseconds().default(DEFAULT_NOTIFY_TIMEOUT_MS),
};

const notifyTargetSchema = z.strictObject(notifyTargetShape, {
  error: 'an object like { url: "https://…", events: "*", secret: "…" }',
});

export type NotifyTargetConfig = z.input<typeof notifyTargetSchema>;

/** A webhook target, validated, with its name settled and its events a set. */
export interface NotifyTarget {
  name: string;
  url: string;
  events: ReadonlySet<NotifyEvent>;
  secret: string;
  timeoutMs: number;
}

export const notifySchema = z
  .array(notifyTargetSchema, { error: 'a list of webhook targets like [{ url, events, secret }]' })
  .default([])
  .transform((targets, ctx): NotifyTarget[] => {
    const resolved = targets.map(
      (t): NotifyTarget => ({
        name: t.name ?? defaultTargetName(t.url),
        url: t.url,
        events: new Set(t.events === '*' ? NOTIFY_EVENTS : (t.events as NotifyEvent[])),
        secret: t.secret,
        timeoutMs: t.timeoutMs,
      }),
    );
    const seen = new Set<string>();
    resolved.forEach((target, index) => {
      if (seen.has(target.name)) {
        ctx.issues.push({
          code: 'custom',
          input: target.name,
          path: [index, 'name'],
          params: SENTENCE,
          message: `repeats the target name "${target.name}"; give each target its own \`name\``,
        });
      }
      seen.add(target.name);
    });
    return resolved;
  });

export const NOTIFY_TARGET_KEYS = Object.keys(notifyTargetShape);

/**
 * The outbox names a target, never its URL (which may carry credentials): the host and a
 * short hash of the URL, so editing the URL makes a new target and reordering keeps the name.
 */
export function defaultTargetName(url: string): string {
  const host = (() => {
    try {
      return new URL(url).hostname.replace(/[^a-z0-9_.-]/gi, '-');
    } catch {
      return 'webhook';
    }
  })();
  return `${host}-${createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
