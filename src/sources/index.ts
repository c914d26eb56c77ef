import type { SourceAdapter } from '../contract';
import type { Config } from '../schemas/types/config';
import { createBusinessCentralSource } from './business-central';
import { createLosantSource } from './losant';
import { createScene7Source } from './scene7';
import type { SourceDeps } from './define';

type SourceConfig = Config['sources'][number];

/** Builds one adapter from its config: adding a system is one folder and one case here. */
function createSource(source: SourceConfig, deps: SourceDeps): SourceAdapter {
  switch (source.type) {
    case 'scene7':
      return createScene7Source(source, deps);
    case 'business-central':
      return createBusinessCentralSource(source, deps);
    case 'losant':
      return createLosantSource(source, deps);
    default:
      // Every type has a case, so `source` is `never` here; config may still hold anything.
      throw new Error(`No adapter for source type ${(source as { type: string }).type}`);
  }
}

/** Builds every configured source adapter, in config order, keyed by source id. */
export function createSources(
  sources: readonly SourceConfig[],
  deps: SourceDeps,
): ReadonlyMap<string, SourceAdapter> {
  return new Map(sources.map((source) => [source.id, createSource(source, deps)]));
}
