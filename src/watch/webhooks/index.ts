/**
 * Webhook delivery for the watch feature: signed CloudEvents (Standard Webhooks) to the
 * configured endpoints, with retries and dead letters. What the watcher and the wiring use.
 */
export {
  createWebhookDispatcher,
  DELIVERY_OUTCOMES,
  jobsFor,
  type WebhookObserver,
} from './dispatcher';
export { WebhookConfigError } from './errors';
