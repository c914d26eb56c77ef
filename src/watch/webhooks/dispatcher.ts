import type { Logger } from 'pino';
import type { Agent } from 'undici';
import type { DeliveryJob, WatchStore } from '../types';
import { cloudEventBody } from './cloudevent';
import {
  createDeliveryAgent,
  deliverOnce,
  DEFAULT_TIMEOUT_MS,
  type AttemptResult,
  type DeliveryAgentOptions,
} from './deliver';
import {
  resolveWebhookEndpoints,
  type WebhookEndpoint,
  type WebhookEndpointConfig,
} from './endpoints';
import { WebhookConfigError } from './errors';
import { createRetrySchedule } from './schedule';

export { jobsFor, type WebhookEndpointConfig } from './endpoints';

/** The `outcome` label values of the deliveries counter, for pre-setting its series to 0. */
export const DELIVERY_OUTCOMES = ['delivered', 'failed', 'gone'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** Hooks for metrics: one call per attempt, one per dead-lettered job; labels are bounded. */
export interface WebhookObserver {
  delivery(endpoint: string, outcome: DeliveryOutcome): void;
  deadLetter(endpoint: string): void;
}

export interface WebhookDispatcherOptions {
  readonly store: WatchStore;
  readonly endpoints: readonly WebhookEndpointConfig[];
  readonly logger: Logger;
  readonly observe?: WebhookObserver;
  /** How often to look for due jobs besides kick(), ms (default 1 000). */
  readonly pollMs?: number;
  /**
   * How long a claimed job stays hidden from other claims, ms; longer than any attempt's
   * deadline (default: the longest deadline + 30 s).
   */
  readonly visibilityMs?: number;
  /** Attempts in flight at once (default 4). */
  readonly concurrency?: number;
  /** Delay before each attempt, ms (default DEFAULT_RETRY_SCHEDULE_MS; entry 0 must be 0). */
  readonly retryScheduleMs?: readonly number[];
  /** ± fraction of each delay (default 0.2). */
  readonly jitter?: number;
  /** Longest Retry-After obeyed, ms (default 1 h). */
  readonly maxRetryAfterMs?: number;
  readonly agent?: DeliveryAgentOptions;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface WebhookDispatcher {
  /** Starts polling the store for due jobs every pollMs. */
  start(): void;
  /** Looks for due jobs now (the watcher calls it right after a commit). */
  kick(): void;
  /** Endpoints that answered 410 Gone and get nothing more until a restart. */
  disabledEndpoints(): readonly string[];
  /** Stops polling, waits for the attempts in flight, closes the connection pool. */
  close(): Promise<void>;
}

const OUTCOME_LABEL: Readonly<Record<AttemptResult['result'], DeliveryOutcome>> = {
  delivered: 'delivered',
  gone: 'gone',
  retry: 'failed',
};

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Creates the webhook dispatcher: claims due delivery jobs from the store, makes one attempt
 * each (signed CloudEvent, deliverOnce), then completes the job (delivered, 410, dead letter)
 * or reschedules it on the retry schedule. At least once: a job whose replica dies comes back
 * after visibilityMs, with the same webhook-id. Throws WebhookConfigError on bad endpoints.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { store, observe } = options;
  const log = options.logger.child({ component: 'webhooks' });
  const now = options.now ?? Date.now;
  const resolved = resolveWebhookEndpoints(options.endpoints);
  const byName = new Map<string, WebhookEndpoint>(resolved.endpoints.map((e) => [e.name, e]));
  const schedule = createRetrySchedule({
    ...(options.retryScheduleMs === undefined ? {} : { delaysMs: options.retryScheduleMs }),
    ...(options.jitter === undefined ? {} : { jitter: options.jitter }),
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const longest = Math.max(
    DEFAULT_TIMEOUT_MS,
    ...resolved.endpoints.map((e) => e.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  );
  const visibilityMs = options.visibilityMs ?? longest + 30_000;
  if (visibilityMs <= longest) {
    // Shorter, and a second claim would deliver the job again while the first is in flight.
    throw new WebhookConfigError(['visibilityMs must be longer than the longest webhook timeout']);
  }
  const pollMs = options.pollMs ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  for (const warning of resolved.warnings) log.warn(warning);

  const agent: Agent = createDeliveryAgent(options.agent);
  const disabled = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let claiming: Promise<void> | undefined;
  let claimAgain = false;
  let closed = false;

  function notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      log.error({ error: errorName(error) }, 'webhook observer threw');
    }
  }

  async function settle(job: DeliveryJob, endpoint: WebhookEndpoint): Promise<void> {
    const attempts = job.attempt + 1;
    const result = await deliverOnce({
      url: endpoint.url,
      keys: endpoint.keys,
      id: job.event.id,
      body: cloudEventBody(job.event),
      dispatcher: agent,
      now: now(),
      ...(endpoint.timeoutMs === undefined ? {} : { timeoutMs: endpoint.timeoutMs }),
      ...(options.maxRetryAfterMs === undefined
        ? {}
        : { maxRetryAfterMs: options.maxRetryAfterMs }),
    });
    notify(() => observe?.delivery(endpoint.name, OUTCOME_LABEL[result.result]));
    const fields = { eventId: job.event.id, endpoint: endpoint.name, attempts };
    if (result.result === 'delivered') {
      log.debug({ ...fields, outcome: result.outcome }, 'webhook delivered');
      return store.complete(job);
    }
    if (result.result === 'gone') {
      if (!disabled.has(endpoint.name)) {
        disabled.add(endpoint.name);
        log.warn(fields, 'webhook endpoint answered 410 Gone: disabled until restart');
      }
      return store.complete(job);
    }
    const dueAt = schedule.nextDueAt(attempts, now(), result.retryAfterMs);
    if (dueAt === undefined) {
      log.error({ ...fields, lastOutcome: result.outcome }, 'webhook dead-lettered');
      notify(() => observe?.deadLetter(endpoint.name));
      return store.complete(job);
    }
    log.warn(
      { ...fields, outcome: result.outcome, retryAt: new Date(dueAt).toISOString() },
      'webhook attempt failed',
    );
    return store.reschedule({ ...job, attempt: attempts, dueAt, lastOutcome: result.outcome });
  }

  async function run(job: DeliveryJob): Promise<void> {
    try {
      const endpoint = byName.get(job.endpoint);
      if (endpoint === undefined) {
        log.warn(
          { eventId: job.event.id, endpoint: job.endpoint },
          'webhook job for an endpoint no longer configured: dropped',
        );
        await store.complete(job);
      } else if (disabled.has(endpoint.name)) {
        log.debug(
          { eventId: job.event.id, endpoint: endpoint.name },
          'webhook endpoint disabled (410): job dropped',
        );
        await store.complete(job);
      } else {
        await settle(job, endpoint);
      }
    } catch (error) {
      // The job is still claimed in the store: it comes back after visibilityMs.
      log.error(
        { eventId: job.event.id, endpoint: job.endpoint, error: errorName(error) },
        'webhook job could not be settled',
      );
    }
  }

  async function claim(): Promise<void> {
    const free = concurrency - inFlight.size;
    if (free <= 0) return; // a finishing attempt claims again
    let jobs: readonly DeliveryJob[];
    try {
      jobs = await store.claimDue(now(), free, visibilityMs);
    } catch (error) {
      log.error({ error: errorName(error) }, 'webhook jobs could not be claimed');
      return;
    }
    for (const job of jobs) {
      const attempt: Promise<void> = run(job).finally(() => {
        inFlight.delete(attempt);
        kick();
      });
      inFlight.add(attempt);
    }
  }

  function kick(): void {
    if (closed) return;
    if (claiming !== undefined) {
      claimAgain = true;
      return;
    }
    claiming = claim().finally(() => {
      claiming = undefined;
      if (claimAgain) {
        claimAgain = false;
        kick();
      }
    });
  }

  return {
    start() {
      if (closed || timer !== undefined) return;
      timer = setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    kick,
    disabledEndpoints: () => [...disabled],
    async close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      await claiming;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await agent.close();
    },
  };
}
