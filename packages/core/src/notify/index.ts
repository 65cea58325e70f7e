export {
  DEFAULT_NOTIFY_TIMEOUT_MS,
  type NotifyTarget,
  type NotifyTargetConfig,
} from '../config/notify-schema.js';
export { type DeliveryVerdict, deliveryVerdict, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './backoff.js';
export { isNotifyEvent, NOTIFY_EVENTS, type NotifyEvent } from './events.js';
export {
  type NotificationData,
  type NotificationMessage,
  notificationId,
  notificationMessage,
  notificationText,
} from './messages.js';
export { enqueueNotification, type NotificationOccurrence } from './outbox.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  signatureHeaders,
  TIMESTAMP_HEADER,
  type VerifyWebhookOptions,
  type VerifyWebhookResult,
  verifyWebhookSignature,
  webhookSignature,
} from './signature.js';
