import type { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { SourceAdapter, UnifiedJobLog } from '../contract';
import { createSchemaRegistry, type SchemaRegistry } from '../schemas/registry';
import type { Config } from '../schemas/types/config';
import { createSources } from '../sources';
import { createHttpExecutor, type HttpExecutorOptions } from '../sources/http';
import { createSourceBreaker, type BreakerObservation } from './breaker';
import { cacheSource, type CacheObservation } from './cache';
import { createMemoryStore, createRedisStore, type CacheStore } from './cache-store';
import { guardSource } from './guarded-source';
import { createJobLogService, type JobLogService } from './service';

/** What every entry point that reads job logs needs: schemas, upstream pool, adapters, service. */
export interface GatewayCore {
  readonly registry: SchemaRegistry;
  readonly service: JobLogService;
  /** Closes the upstream connection pool. */
  readonly close: () => Promise<void>;
}

export interface GatewayCoreOptions {
  /** Shared schema registry; built from schemas/ when absent. */
  readonly registry?: SchemaRegistry;
  /** The upstream executor's options. */
  readonly http?: HttpExecutorOptions;
  /** Hears every source's circuit-breaker events (metrics). */
  readonly observeBreaker?: (event: BreakerObservation) => void;
  /** The response cache's shared parts; without `redis`, each source keeps its own in memory. */
  readonly cache?: {
    /** The process's Redis client (the rate limits' one): the store every replica shares. */
    readonly redis?: { readonly client: Redis; readonly keyPrefix: string };
    /** Logs a Redis failure of the cache (once, until Redis answers again). */
    readonly logger?: Logger;
    /** Hears every cached read: hit, miss or coalesced. */
    readonly observe?: (observation: CacheObservation) => void;
  };
}

/**
 * The one wiring of the read path, used by `serve` and `check-upstreams` alike: registry, one
 * keep-alive upstream pool, every configured adapter behind its own circuit breaker and, in front
 * of that, its response cache (hits need no breaker; see cache.ts), and the query service, all
 * built once.
 */
export function createGatewayCore(
  config: Readonly<Config>,
  options: GatewayCoreOptions = {},
): GatewayCore {
  const registry = options.registry ?? createSchemaRegistry();
  const http = createHttpExecutor(options.http);
  const adapters = createSources(config.sources, { registry, http });
  const redis = options.cache?.redis;
  const sharedStore: CacheStore | undefined =
    redis === undefined
      ? undefined
      : createRedisStore({
          ...redis,
          logger: options.cache?.logger ?? pino({ level: 'silent' }),
        });
  const guarded = new Map<string, SourceAdapter>(
    config.sources.map((source) => [
      source.id,
      cacheSource(
        guardSource(
          adapters.get(source.id) as SourceAdapter,
          createSourceBreaker(source.id, source.breaker, options.observeBreaker),
        ),
        {
          ttlMs: source.cacheTtlMs,
          store: sharedStore ?? createMemoryStore(),
          ...(options.cache?.observe === undefined ? {} : { observe: options.cache.observe }),
        },
      ),
    ]),
  );
  const service = createJobLogService(
    guarded,
    registry.validator<UnifiedJobLog>('unified-job-log'),
    { readyCacheMs: config.server.readyCacheMs },
  );
  return { registry, service, close: () => http.close() };
}
