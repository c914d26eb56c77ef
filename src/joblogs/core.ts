import type { SourceAdapter, UnifiedJobLog } from '../contract';
import { createSchemaRegistry, type SchemaRegistry } from '../schemas/registry';
import type { Config } from '../schemas/types/config';
import { createSources } from '../sources';
import { createHttpExecutor, type HttpExecutorOptions } from '../sources/http';
import { createSourceBreaker } from './breaker';
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
  /** The upstream executor's options; its `observe.breaker`, when set, hears the breakers too. */
  readonly http?: HttpExecutorOptions;
}

/**
 * The one wiring of the read path, used by `serve` and `check-upstreams` alike: registry, one
 * keep-alive upstream pool, every configured adapter behind its own circuit breaker, and the
 * query service, all built once.
 */
export function createGatewayCore(
  config: Readonly<Config>,
  options: GatewayCoreOptions = {},
): GatewayCore {
  const registry = options.registry ?? createSchemaRegistry();
  const http = createHttpExecutor(options.http);
  const adapters = createSources(config.sources, { registry, http });
  const observeBreaker = options.http?.observe?.breaker;
  const guarded = new Map<string, SourceAdapter>(
    config.sources.map((source) => [
      source.id,
      guardSource(
        adapters.get(source.id) as SourceAdapter,
        createSourceBreaker(source.id, source.breaker, observeBreaker),
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
