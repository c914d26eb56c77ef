import { concernsType, type SourceAdapter } from '../contract';
import type { SourceBreaker } from './breaker';

/**
 * An adapter behind its source's circuit breaker: list, listNative and get go through it (a
 * query that concerns another source type makes no call, so it passes by). The probe never
 * does, and never moves the breaker: an open breaker is reported not ready without a call until
 * its probe may go (or while the probe is under way), so an unauthenticated /readyz can neither
 * hammer a failing source nor open or close its breaker.
 */
export function guardSource(adapter: SourceAdapter, breaker: SourceBreaker): SourceAdapter {
  return {
    id: adapter.id,
    type: adapter.type,
    list: (query, context) =>
      concernsType(adapter.type, query)
        ? breaker.run(() => adapter.list(query, context))
        : adapter.list(query, context),
    listNative: (query, context) =>
      concernsType(adapter.type, query)
        ? breaker.run(() => adapter.listNative(query, context))
        : adapter.listNative(query, context),
    get: (key, context) => breaker.run(() => adapter.get(key, context)),
    probe: async (context) => {
      const wait = breaker.retryAfterSeconds();
      if (breaker.state === 'half-open' || (breaker.state === 'open' && wait > 0)) {
        const why =
          breaker.state === 'open'
            ? `circuit open: not called; the next call may go in ${wait} s`
            : 'circuit half-open: not called while a probe call is under way';
        return { ok: false, latencyMs: 0, detail: why };
      }
      return adapter.probe(context);
    },
  };
}
