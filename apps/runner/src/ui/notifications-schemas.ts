import { z } from 'zod';
import { intParam } from './query.js';

// `GET /api/notifications`: its query and answer, documented in openapi.ts like the others.

export const NOTIFICATION_STATES = ['pending', 'delivered', 'failed'] as const;

export const notificationsQuerySchema = z.object({
  state: z
    .string()
    .optional()
    .transform((value) => NOTIFICATION_STATES.find((s) => s === value) ?? null)
    .meta({
      type: 'string',
      enum: [...NOTIFICATION_STATES],
      description: 'only deliveries in this state; any other value: all of them',
    }),
  limit: z
    .string()
    .optional()
    .transform((value) => intParam(value, 100, 1, 1000))
    .meta({
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'at most this many deliveries, newest first (clamped to 1..1000)',
    }),
});

const iso = z.string().describe('an ISO time');

export const notificationsSchema = z.object({
  targets: z.array(
    z.object({
      name: z.string(),
      url: z.string().describe('the URL without its password'),
      events: z.array(z.string()),
    }),
  ),
  deliveries: z.array(
    z.object({
      id: z.string(),
      messageId: z.string().describe('the `id` receivers de-duplicate on'),
      target: z.string(),
      event: z.string(),
      state: z.enum(NOTIFICATION_STATES),
      attempts: z.number().int(),
      nextAttemptAt: iso.nullable(),
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
      text: z.string(),
      createdAt: iso,
      updatedAt: iso,
      deliveredAt: iso.nullable(),
    }),
  ),
});
