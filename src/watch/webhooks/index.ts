/**
 * Webhook delivery for the watch feature: signed CloudEvents (Standard Webhooks) to the
 * configured endpoints, with retries and dead letters. What the watcher, config and wiring use.
 */
export {
  createWebhookDispatcher,
  DELIVERY_OUTCOMES,
  jobsFor,
  type DeliveryOutcome,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookEndpointConfig,
  type WebhookObserver,
} from './dispatcher';
export { checkWebhookEndpoints } from './endpoints';
export { WebhookConfigError } from './errors';
export { CLOUDEVENT_CONTENT_TYPE, EVENT_TYPE_PREFIX, toCloudEvent } from './cloudevent';
export { DEFAULT_RETRY_SCHEDULE_MS } from './schedule';
export { DEFAULT_TIMEOUT_MS } from './deliver';
export { parseWebhookSecrets } from './secret';
export { signatureHeader, verifySignature } from './sign';
