import { GatewayError } from '../errors/gateway-error';

/** A source's breaker settings (config `sources[].breaker`). */
/** The states of a source's circuit breaker. */
export type BreakerState = 'closed' | 'half-open' | 'open';

/** A source's breaker entered a state, or answered a call at once without calling upstream. */
export interface BreakerObservation {
  readonly source: string;
  readonly event: BreakerState | 'short-circuit';
}

export interface BreakerSettings {
  /** Consecutive failed calls that open the breaker. */
  readonly failures: number;
  /** How long it stays open before one probe call is let through, in ms. */
  readonly openMs: number;
  /** Longest upstream Retry-After obeyed, in ms (default one hour; 0 obeys none). */
  readonly maxRetryAfterMs?: number;
}

/** The circuit breaker of one source. */
export interface SourceBreaker {
  readonly source: string;
  /** `open` stays until the next call after the open interval, which is the half-open probe. */
  readonly state: BreakerState;
  /**
   * Runs one call to the source: at once GW_ERR_SOURCE_UNAVAILABLE (503, Retry-After) while the
   * breaker is open or its probe is under way; otherwise the call, whose outcome it records.
   */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** Whole seconds until a probe may go (0 when one may go now). */
  retryAfterSeconds(): number;
}

const DEFAULT_MAX_RETRY_AFTER_MS = 3_600_000;

/** A call answered at once because the source's breaker is open (see isCircuitOpen). */
class CircuitOpenError extends GatewayError {
  constructor(source: string, retryAfter: number) {
    super(
      'GW_ERR_SOURCE_UNAVAILABLE',
      `${source} failed repeatedly or asked the gateway to wait; it is not called for now (circuit open).`,
      { source, retryAfter },
    );
  }
}

/** True when `error` is a call the breaker answered at once, without calling the source. */
export function isCircuitOpen(error: unknown): boolean {
  return error instanceof CircuitOpenError;
}

/**
 * What a failed call says about the source: `failure` counts toward opening (the upstream failed:
 * 5xx-side upstream codes, timeouts included), `throttled` opens at once for the Retry-After the
 * upstream asked, `cancelled` (the caller hung up) and `neutral` (the caller's own fault, e.g. a
 * query the upstream rejected, or anything that is not about the upstream) say nothing.
 */
function verdictOf(error: unknown): 'failure' | 'throttled' | 'cancelled' | 'neutral' {
  if (!(error instanceof GatewayError)) return 'neutral';
  if (error.code === 'GW_ERR_CLIENT_CLOSED') return 'cancelled';
  if (error.side !== 'server' || !error.code.startsWith('GW_ERR_UPSTREAM_')) return 'neutral';
  const asksToWait = error.retryAfter !== undefined && error.retryAfter > 0;
  return error.code === 'GW_ERR_UPSTREAM_THROTTLED' && asksToWait ? 'throttled' : 'failure';
}

/**
 * Our own, not cockatiel's: cockatiel 4 is ES-module only and needs Node 22 (we run on 20.19, and
 * jest cannot load it), and cockatiel 3's breaker cannot open for an interval the upstream names
 * (Retry-After) and then probe: `isolate()` ends closed, not half-open.
 *
 * Creates the breaker of one source. It opens for openMs after `failures` consecutive failed calls
 * (a success starts the count again), or at once for as long as an upstream's 429/503 Retry-After
 * asks (at most maxRetryAfterMs). While open, calls are answered at once. After the open
 * interval the next call is a probe, alone: its success closes the breaker, its failure opens it
 * again; a probe the caller cancelled proved nothing and opens it again too, while one the
 * upstream answered with the caller's own fault shows the upstream is back and closes it.
 * Calls the caller cancelled, and the caller's own faults, never count toward opening.
 */
export function createSourceBreaker(
  source: string,
  settings: BreakerSettings,
  observe?: (event: BreakerObservation) => void,
  now: () => number = Date.now,
): SourceBreaker {
  const maxRetryAfterMs = settings.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  let state: BreakerState = 'closed';
  let failures = 0;
  let openUntil = 0;
  let probing = false;

  const enter = (next: BreakerState): void => {
    if (state === next) return;
    state = next;
    observe?.({ source, event: next });
  };
  // Open for what a throttled upstream asked (capped), else for openMs.
  const open = (error: unknown): void => {
    const asked =
      verdictOf(error) === 'throttled' ? ((error as GatewayError).retryAfter ?? 0) * 1000 : 0;
    openUntil = now() + (asked > 0 ? Math.min(asked, maxRetryAfterMs) : settings.openMs);
    failures = 0;
    enter('open');
  };
  const close = (): void => {
    failures = 0;
    enter('closed');
  };
  const retryAfterSeconds = (): number =>
    state === 'open' ? Math.max(0, Math.ceil((openUntil - now()) / 1000)) : 0;
  const unavailable = (): GatewayError => {
    observe?.({ source, event: 'short-circuit' });
    return new CircuitOpenError(source, Math.max(1, retryAfterSeconds()));
  };

  function settleProbe(error: unknown): void {
    probing = false;
    if (error === undefined || verdictOf(error) === 'neutral') close();
    else open(error);
  }

  function settleCall(error: unknown): void {
    // A call that started before the breaker opened says nothing once it is open.
    if (state !== 'closed') return;
    const verdict = verdictOf(error);
    // maxRetryAfterMs 0: a Retry-After goes back to the caller but does not open the breaker.
    if (verdict === 'throttled' && maxRetryAfterMs > 0) open(error);
    else if (verdict !== 'neutral' && verdict !== 'cancelled' && ++failures >= settings.failures)
      open(error);
  }

  observe?.({ source, event: 'closed' });

  return {
    source,
    get state() {
      return state;
    },
    retryAfterSeconds,
    async run(call) {
      if (probing || (state === 'open' && now() < openUntil)) throw unavailable();
      const probe = state === 'open';
      if (probe) {
        probing = true;
        enter('half-open');
      }
      let result: Awaited<ReturnType<typeof call>>;
      try {
        result = await call();
      } catch (error) {
        if (probe) settleProbe(error);
        else settleCall(error);
        throw error;
      }
      if (probe) settleProbe(undefined);
      else if (state === 'closed') failures = 0;
      return result;
    },
  };
}
