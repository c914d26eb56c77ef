import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { UNIFIED_STATUSES, type UnifiedStatus } from '../contract';
import type { JobLogService } from '../joblogs/service';
import type { Config } from '../schemas/types/config';
import { createWatchCoordinator, type WatchObserver } from './coordinator';
import { createLiveFeed, type LiveFeed } from './live';
import { createFileWatchStore, createRedisWatchStore } from './store';
import type { WatchStore } from './types';
import { createSourceWatcher } from './watcher';
import {
  createWebhookDispatcher,
  jobsFor,
  WebhookConfigError,
  type WebhookObserver,
} from './webhooks';
import { ConfigError } from '../config/load';

type WatchConfig = NonNullable<Config['watch']>;

/** What the server gets back: the live feed for the stream route, and the one close. */
export interface RunningWatch {
  readonly feed: LiveFeed;
  readonly store: WatchStore;
  /** The sources watched, for metric labels. */
  readonly sources: readonly string[];
  /** Stops polling and delivering (leases released, attempts in flight finished), then the store. */
  close(): Promise<void>;
}

export interface WatchDeps {
  readonly service: JobLogService;
  readonly logger: Logger;
  /** The process's shared Redis client, when redis: is configured (then state lives there). */
  readonly redis?: { readonly client: Redis; readonly keyPrefix: string };
  readonly observe: { readonly watch: WatchObserver; readonly webhooks: WebhookObserver };
}

/** The statuses and sources a config watches (its lists, else everything configured). */
export function watchedOf(config: Readonly<Config>): {
  sources: string[];
  statuses: readonly UnifiedStatus[];
} {
  const watch = config.watch;
  return {
    sources: watch?.sources ?? config.sources.map(({ id }) => id),
    statuses: watch?.statuses ?? UNIFIED_STATUSES,
  };
}

/**
 * Starts the watch feature from the config (`watch:`, `webhooks:`): the state store (Redis when
 * configured, else the state file), one watcher per watched source under the coordinator's
 * leases, the webhook dispatcher, and the live feed. Throws (before anything polls) on a webhook
 * URL or secret that cannot be used.
 */
export async function startWatch(
  config: Readonly<Config> & { readonly watch: WatchConfig },
  deps: WatchDeps,
): Promise<RunningWatch> {
  const { watch } = config;
  const logger = deps.logger.child({ component: 'watch' });
  const endpoints = config.webhooks;
  const { sources } = watchedOf(config);
  const store =
    deps.redis === undefined
      ? await createFileWatchStore({
          path: watch.stateFile,
          bufferSize: watch.bufferSize,
          logger,
        })
      : createRedisWatchStore({
          client: deps.redis.client,
          keyPrefix: deps.redis.keyPrefix,
          bufferSize: watch.bufferSize,
          logger,
        });
  let dispatcher;
  try {
    dispatcher = createWebhookDispatcher({
      store,
      endpoints,
      logger,
      observe: deps.observe.webhooks,
      retryScheduleMs: [0, ...watch.retryScheduleMs],
    });
  } catch (error) {
    await store.close();
    // A bad URL or secret is a configuration error like any other (exit 78 at start).
    if (error instanceof WebhookConfigError)
      throw new ConfigError(error.problems.map((problem) => `config.webhooks: ${problem}`));
    throw error;
  }
  const startedAt = Date.now();
  const { statuses, lookbackMs, settleMs, pageSize, pollTimeoutMs } = watch;
  const settings = { statuses, lookbackMs, settleMs, pageSize, pollTimeoutMs };
  const watchers = sources.map((source) =>
    createSourceWatcher({
      source,
      service: deps.service,
      store,
      settings,
      logger: logger.child({ source }),
      jobsFor: (event, now) => jobsFor(event, endpoints, now),
      startedAt,
    }),
  );
  const coordinator = createWatchCoordinator({
    watchers,
    store,
    intervalMs: watch.intervalMs,
    leaseTtlMs: watch.leaseTtlMs,
    logger,
    observer: deps.observe.watch,
    onCommitted: () => dispatcher.kick(),
  });
  const feed = createLiveFeed(store);
  coordinator.start();
  if (endpoints.length > 0) dispatcher.start();
  logger.info(
    { sources, webhooks: endpoints.map(({ name }) => name), store: store.kind },
    'watch: started',
  );
  return {
    feed,
    store,
    sources,
    async close() {
      await coordinator.close();
      await dispatcher.close();
      feed.close();
      await store.close();
    },
  };
}
