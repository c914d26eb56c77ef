import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { localsOf } from '../request/context';
import type { CacheObservation } from '../joblogs/cache';
import type { BreakerObservation, BreakerState } from '../joblogs/breaker';
import type { UpstreamObserver } from '../sources/http';
import { POLL_ERROR_REASONS } from '../watch/watcher';
import { DELIVERY_OUTCOMES } from '../watch/webhooks';
import { definePrototypeAccessor } from './request-accessors';

export interface GatewayMetrics {
  readonly registry: Registry;
  /**
   * Counts every request by route template, method, status, caller (configured API keys and
   * SOAP users; `other` for any other, empty when anonymous) and SOAP operation, and times it by
   * route and method.
   */
  readonly middleware: (req: Request, res: Response, next: NextFunction) => void;
  /**
   * Counts and times every upstream call by source and outcome (HTTP status, error code, or
   * `aborted` for calls the caller cancelled), and counts its retries, failed calls' included.
   */
  readonly observeUpstream: UpstreamObserver;
  /** Follows each source's circuit breaker: state, transitions, short-circuits. */
  readonly observeBreaker: (event: BreakerObservation) => void;
  /** Counts every cacheable read of a source by result: hit, miss or coalesced. */
  readonly observeCache: (observation: CacheObservation) => void;
}

export interface MetricsOptions {
  /** Caller names (`key:<id>`, `ips:<user>`) the request counter may carry as they are. */
  readonly callers?: Iterable<string>;
}

const ROUTE = Symbol('route');
const ROUTE_TEMPLATE = Symbol('route template');

interface RouteFields {
  [ROUTE]?: unknown;
  [ROUTE_TEMPLATE]?: string;
  readonly baseUrl: string;
}

const ROUTE_ACCESSOR = {
  get(this: RouteFields): unknown {
    return this[ROUTE];
  },
  set(this: RouteFields, value: unknown): void {
    this[ROUTE] = value;
    const path = (value as { path?: unknown } | undefined)?.path;
    if (typeof path === 'string' || path instanceof RegExp)
      this[ROUTE_TEMPLATE] = `${this.baseUrl}${path.toString()}`;
  },
};

/**
 * Keeps the full route template of a request (`/v1/job-logs`) when express matches the route: by
 * the time an error is answered express has left the router and `req.baseUrl` is gone. express
 * sets `req.route`; the accessor on the request prototype sees it (see definePrototypeAccessor).
 */
function recordRouteTemplate(req: Request): void {
  definePrototypeAccessor(req as unknown as RouteFields, 'route', ROUTE_ACCESSOR);
}

function routeTemplateOf(req: Request): string {
  return (req as unknown as RouteFields)[ROUTE_TEMPLATE] ?? 'unmatched';
}

/** Creates a per-app Prometheus registry (no global state, so tests can build many apps). */
export function createMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const knownCallers = new Set(options.callers ?? []);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'joblog_gateway_' });
  const requests = new Counter({
    name: 'joblog_gateway_http_requests_total',
    help: 'HTTP requests answered, by route, method, status, caller (configured ones; other; empty when anonymous) and SOAP operation.',
    labelNames: ['route', 'method', 'status', 'caller', 'operation'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'joblog_gateway_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route and method.',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const upstreamCalls = new Counter({
    name: 'joblog_gateway_upstream_requests_total',
    help: 'Upstream calls, by source and outcome (HTTP status; the GW_ERR_* code when none came; aborted when the caller cancelled).',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  const upstreamRetries = new Counter({
    name: 'joblog_gateway_upstream_retries_total',
    help: 'Extra attempts made for upstream calls (refused, reset, short Retry-After), also for calls that finally failed.',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'joblog_gateway_upstream_request_duration_seconds',
    help: 'Time of upstream calls including retries, by source.',
    labelNames: ['source'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const breakerState = new Gauge({
    name: 'joblog_gateway_breaker_state',
    help: 'Circuit breaker of each source: 0 closed, 1 half-open (a probe call under way), 2 open.',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const breakerTransitions = new Counter({
    name: 'joblog_gateway_breaker_transitions_total',
    help: 'Circuit breaker state changes, by source and the state entered.',
    labelNames: ['source', 'state'] as const,
    registers: [registry],
  });
  const breakerShortCircuits = new Counter({
    name: 'joblog_gateway_breaker_short_circuits_total',
    help: 'Calls answered GW_ERR_SOURCE_UNAVAILABLE at once because the source breaker was open, by source.',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const cacheRequests = new Counter({
    name: 'joblog_gateway_cache_requests_total',
    help: 'Source reads by response-cache result: hit (from the cache), miss (an upstream call), coalesced (joined an identical call under way).',
    labelNames: ['source', 'result'] as const,
    registers: [registry],
  });
  const breakers = new Set<string>();
  const BREAKER_VALUES: Readonly<Record<BreakerState, number>> = {
    closed: 0,
    'half-open': 1,
    open: 2,
  };
  const observeCall: UpstreamObserver = ({ source, outcome, seconds, attempts }) => {
    upstreamCalls.inc({ source, outcome });
    if (attempts > 1) upstreamRetries.inc({ source }, attempts - 1);
    upstreamDuration.observe({ source }, seconds);
  };
  const observeBreaker = ({ source, event }: BreakerObservation): void => {
    if (event === 'short-circuit') {
      breakerShortCircuits.inc({ source });
      return;
    }
    breakerState.set({ source }, BREAKER_VALUES[event]);
    // A breaker's first event is its creation (closed), not a transition.
    if (breakers.has(source)) breakerTransitions.inc({ source, state: event });
    breakers.add(source);
  };
  return {
    registry,
    observeUpstream: observeCall,
    observeBreaker,
    observeCache: ({ source, result }) => cacheRequests.inc({ source, result }),
    middleware: (req, res, next) => {
      const started = process.hrtime.bigint();
      // Route templates only: raw paths would give unbounded label cardinality.
      recordRouteTemplate(req);
      res.on('finish', () => {
        const label = routeTemplateOf(req);
        const { caller, operation } = localsOf(res);
        requests.inc({
          route: label,
          method: req.method,
          status: String(res.statusCode),
          caller: caller === undefined ? '' : knownCallers.has(caller) ? caller : 'other',
          operation: operation ?? '',
        });
        duration.observe(
          { route: label, method: req.method },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      });
      next();
    },
  };
}

/** What the watch metrics are labelled with: configured names only (bounded cardinality). */
export interface WatchMetricLabels {
  readonly sources: readonly string[];
  readonly statuses: readonly string[];
  readonly endpoints: readonly string[];
}

/**
 * The job-outcome and watcher metrics (watch-anchors.md §7): what Alertmanager pages on. Every
 * known series is set to 0 at start, so that `increase()` sees the first failure.
 */
export function createWatchMetrics(registry: Registry, labels: WatchMetricLabels) {
  const seen = new Counter({
    name: 'joblog_gateway_job_logs_seen_total',
    help: 'New job logs the watcher saw (each record once), by source and unified status.',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
  });
  const lastRecord = new Gauge({
    name: 'joblog_gateway_last_job_log_timestamp_seconds',
    help: 'Time of the newest job log the watcher saw, by source and unified status (Unix seconds).',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'joblog_gateway_watcher_last_success_timestamp_seconds',
    help: 'When the watcher last polled the source successfully (Unix seconds; only the replica holding the lease updates it: alert on max).',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const pollErrors = new Counter({
    name: 'joblog_gateway_watcher_poll_errors_total',
    help: 'Failed polls, by source and reason (timeout, breaker_open, credentials, throttled, unreachable, upstream, store).',
    labelNames: ['source', 'reason'] as const,
    registers: [registry],
  });
  const leader = new Gauge({
    name: 'joblog_gateway_watcher_leader',
    help: '1 when this replica holds the lease on polling the source, else 0.',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'joblog_gateway_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by endpoint name and outcome (delivered; failed: will be retried or dead-lettered; gone: 410, endpoint disabled).',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [registry],
  });
  const deadLetters = new Counter({
    name: 'joblog_gateway_webhook_dead_letters_total',
    help: 'Webhook deliveries given up after the last retry, by endpoint name.',
    labelNames: ['endpoint'] as const,
    registers: [registry],
  });
  const streamClients = new Gauge({
    name: 'joblog_gateway_stream_clients',
    help: 'Live-tail streams open in this process.',
    registers: [registry],
  });
  const streamDrops = new Counter({
    name: 'joblog_gateway_stream_dropped_total',
    help: 'Live-tail clients cut off for reading too slowly.',
    registers: [registry],
  });
  for (const source of labels.sources) {
    for (const reason of POLL_ERROR_REASONS) pollErrors.inc({ source, reason }, 0);
    lastSuccess.set({ source }, 0);
    leader.set({ source }, 0);
    for (const status of labels.statuses) seen.inc({ source, status }, 0);
  }
  for (const endpoint of labels.endpoints) {
    deadLetters.inc({ endpoint }, 0);
    for (const outcome of DELIVERY_OUTCOMES) deliveries.inc({ endpoint, outcome }, 0);
  }
  streamClients.set(0);
  streamDrops.inc(0);
  const newest = new Map<string, number>();

  return {
    watch: {
      polled(
        source: string,
        result: {
          readonly events: ReadonlyArray<{ readonly status: string; readonly time: string | null }>;
        },
      ): void {
        lastSuccess.set({ source }, Date.now() / 1000);
        for (const { status, time } of result.events) {
          seen.inc({ source, status });
          if (time === null) continue;
          const seconds = Date.parse(time) / 1000;
          // The newest time wins: a record that arrives late is older than what was seen.
          const key = `${source}\u0000${status}`;
          if (Number.isNaN(seconds) || seconds <= (newest.get(key) ?? -Infinity)) continue;
          newest.set(key, seconds);
          lastRecord.set({ source, status }, seconds);
        }
      },
      pollFailed(source: string, reason: string): void {
        pollErrors.inc({ source, reason });
      },
      leader(source: string, held: boolean): void {
        leader.set({ source }, held ? 1 : 0);
      },
    },
    webhooks: {
      delivery(endpoint: string, outcome: string): void {
        deliveries.inc({ endpoint, outcome });
      },
      deadLetter(endpoint: string): void {
        deadLetters.inc({ endpoint });
      },
    },
    stream: {
      clients(count: number): void {
        streamClients.set(count);
      },
      dropped(): void {
        streamDrops.inc();
      },
    },
  };
}
