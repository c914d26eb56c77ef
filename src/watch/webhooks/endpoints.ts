import type { UnifiedStatus } from '../../contract';
import type { DeliveryJob, WatchEvent } from '../types';
import { WebhookConfigError } from './errors';
import { parseWebhookSecrets, webhookSecretProblems } from './secret';
import { checkWebhookUrl } from './urls';

/** One webhook endpoint as configured (`webhooks: [...]`). */
export interface WebhookEndpointConfig {
  /** Names the endpoint in logs, metrics and jobs (the URL never appears there). */
  readonly name: string;
  readonly url: string;
  /** `whsec_` + base64 of 24-64 bytes; a list during a rotation (each delivery signed with all). */
  readonly secret: string | readonly string[];
  /** Source ids to deliver; absent: all. */
  readonly sources?: readonly string[];
  /** Statuses to deliver; absent: all. */
  readonly statuses?: readonly UnifiedStatus[];
  /** One attempt's deadline in ms (default 15 000). */
  readonly timeoutMs?: number;
}

/** An endpoint ready to deliver to: URL parsed, secrets decoded into HMAC keys. */
export interface WebhookEndpoint {
  readonly name: string;
  readonly url: URL;
  readonly keys: readonly Buffer[];
  readonly timeoutMs: number | undefined;
}

// A name is a metric label and part of a job id (`<name>:<event id>`): keep it plain.
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Every problem of the endpoint list (names, URLs, secrets, deadlines) and the warnings. */
export function checkWebhookEndpoints(endpoints: readonly WebhookEndpointConfig[]): {
  problems: string[];
  warnings: string[];
} {
  const problems: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  endpoints.forEach((endpoint, index) => {
    const name = NAME.test(endpoint.name) ? endpoint.name : `#${index}`;
    if (name !== endpoint.name) {
      problems.push(`webhook ${name}: name must be 1-64 letters, digits, "_" or "-"`);
    } else if (seen.has(name)) {
      problems.push(`webhook "${name}": name is used twice`);
    }
    seen.add(name);
    const url = checkWebhookUrl(name, endpoint.url);
    problems.push(...url.problems, ...webhookSecretProblems(name, endpoint.secret));
    warnings.push(...url.warnings);
    const { timeoutMs } = endpoint;
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
      problems.push(`webhook "${name}": timeoutMs must be a positive whole number of ms`);
    }
  });
  return { problems, warnings };
}

/**
 * Validates and prepares the endpoints at start-up; throws WebhookConfigError listing every
 * problem (never quoting a URL or secret). Answers the endpoints and the warnings to log.
 */
export function resolveWebhookEndpoints(endpoints: readonly WebhookEndpointConfig[]): {
  endpoints: WebhookEndpoint[];
  warnings: string[];
} {
  const { problems, warnings } = checkWebhookEndpoints(endpoints);
  if (problems.length > 0) throw new WebhookConfigError(problems);
  return {
    endpoints: endpoints.map((endpoint) => ({
      name: endpoint.name,
      url: new URL(endpoint.url),
      keys: parseWebhookSecrets(endpoint.name, endpoint.secret),
      timeoutMs: endpoint.timeoutMs,
    })),
    warnings,
  };
}

/**
 * The delivery jobs for a newly seen event: one per endpoint whose `sources` and `statuses`
 * filters (absent: all) match it, due at `now`. The watcher commits them with the event.
 */
export function jobsFor(
  event: WatchEvent,
  endpoints: readonly Pick<WebhookEndpointConfig, 'name' | 'sources' | 'statuses'>[],
  now: number,
): DeliveryJob[] {
  return endpoints
    .filter(
      (endpoint) =>
        (endpoint.sources === undefined || endpoint.sources.includes(event.source)) &&
        (endpoint.statuses === undefined || endpoint.statuses.includes(event.status)),
    )
    .map((endpoint) => ({
      id: `${endpoint.name}:${event.id}`,
      endpoint: endpoint.name,
      event,
      attempt: 0,
      dueAt: now,
    }));
}
