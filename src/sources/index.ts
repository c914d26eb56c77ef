import type { SchemaRegistry } from '../schemas/registry';
import type { Config } from '../schemas/types/config';
import type { HttpExecutor } from './http';
import { createScene7Source } from './scene7';
import type { SourceAdapter, SourceType } from './source';

export interface SourceDeps {
  readonly registry: SchemaRegistry;
  readonly http: HttpExecutor;
}

type SourceConfig = Config['sources'][number];

/** One factory per source type: adding a system is one folder and one line here. */
const factories: {
  readonly [T in SourceType]?: (
    config: Extract<SourceConfig, { type: T }>,
    deps: SourceDeps,
  ) => SourceAdapter;
} = {
  scene7: createScene7Source,
};

/** Builds every configured source adapter, in config order, keyed by source id. */
export function createSources(
  sources: readonly SourceConfig[],
  deps: SourceDeps,
): ReadonlyMap<string, SourceAdapter> {
  const adapters = new Map<string, SourceAdapter>();
  for (const source of sources) {
    const factory = factories[source.type];
    if (factory === undefined) throw new Error(`No adapter for source type ${source.type}`);
    adapters.set(source.id, factory(source, deps));
  }
  return adapters;
}
