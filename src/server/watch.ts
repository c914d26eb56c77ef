import type { Logger } from 'pino';
import { createStreamHub, type StreamHub } from '../api/stream';
import type { JobLogService } from '../joblogs/service';
import type { Config } from '../schemas/types/config';
import { startWatch, watchedOf, type RunningWatch } from '../watch/runtime';
import { createWatchMetrics, type GatewayMetrics } from './metrics';
import type { SharedStore } from './redis';

/** The watcher and the live tail over it, when the config has `watch:` (or webhooks). */
export interface WatchParts {
  readonly watch: RunningWatch;
  readonly stream: StreamHub;
}

/**
 * Starts the watch feature of a gateway: its metrics (every known series at 0), the watchers,
 * the webhook dispatcher and the live tail. Undefined when the config watches nothing.
 */
export async function startWatchParts(
  config: Readonly<Config>,
  deps: {
    readonly service: JobLogService;
    readonly logger: Logger;
    readonly metrics: GatewayMetrics;
    readonly redis: SharedStore | undefined;
  },
): Promise<WatchParts | undefined> {
  const watchConfig = config.watch;
  if (watchConfig === undefined) return undefined;
  const watchMetrics = createWatchMetrics(deps.metrics.registry, {
    ...watchedOf(config),
    endpoints: config.webhooks.map(({ name }) => name),
  });
  const watch = await startWatch(
    { ...config, watch: watchConfig },
    {
      service: deps.service,
      logger: deps.logger,
      ...(deps.redis === undefined ? {} : { redis: deps.redis }),
      observe: watchMetrics,
    },
  );
  const stream = createStreamHub(watch.feed, watchConfig.stream, watchMetrics.stream);
  return { watch, stream };
}
