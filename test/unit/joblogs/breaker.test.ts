import { GatewayError } from '../../../src/errors/gateway-error';
import { createSourceBreaker, type SourceBreaker } from '../../../src/joblogs/breaker';
import type { BreakerObservation } from '../../../src/joblogs/breaker';

const failure = (): GatewayError =>
  new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 'src timed out (headers).', { source: 'src' });
const throttled = (retryAfter: number): GatewayError =>
  new GatewayError('GW_ERR_UPSTREAM_THROTTLED', 'src is throttling.', {
    source: 'src',
    retryAfter,
  });
const rejectedQuery = (): GatewayError =>
  new GatewayError('GW_ERR_UPSTREAM_REJECTED_QUERY', 'src rejected the query', { source: 'src' });
const cancelled = (): GatewayError =>
  new GatewayError('GW_ERR_CLIENT_CLOSED', 'The caller went away.', { source: 'src' });

interface Harness {
  readonly breaker: SourceBreaker;
  readonly events: Array<BreakerObservation['event']>;
  advance(ms: number): void;
  /** Runs one call that fails with `error` (or succeeds), and says how it ended. */
  call(error?: Error): Promise<string>;
}

function harness(settings = { failures: 3, openMs: 10_000, maxRetryAfterMs: 60_000 }): Harness {
  let time = 1_000_000;
  const events: Array<BreakerObservation['event']> = [];
  const breaker = createSourceBreaker(
    'src',
    settings,
    ({ event }) => events.push(event),
    () => time,
  );
  return {
    breaker,
    events,
    advance: (ms) => void (time += ms),
    call: (error) =>
      breaker
        .run(() => (error === undefined ? Promise.resolve('ok') : Promise.reject(error)))
        .catch((thrown: unknown) => (thrown as GatewayError).code),
  };
}

describe('createSourceBreaker', () => {
  it('starts closed and says so to its observer', () => {
    const { breaker, events } = harness();
    expect(breaker.state).toBe('closed');
    expect(events).toEqual(['closed']);
  });

  describe('when calls fail', () => {
    it('opens after `failures` consecutive failures and answers at once while open', async () => {
      const { breaker, call, events } = harness();
      expect(await call(failure())).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(await call(failure())).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(breaker.state).toBe('closed');
      expect(await call(failure())).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(breaker.state).toBe('open');
      const upstream = jest.fn(() => Promise.resolve('ok'));
      const error = (await breaker
        .run(upstream)
        .catch((thrown: unknown) => thrown)) as GatewayError;
      expect(upstream).not.toHaveBeenCalled();
      expect(error).toMatchObject({
        code: 'GW_ERR_SOURCE_UNAVAILABLE',
        status: 503,
        source: 'src',
        retryAfter: 10,
      });
      expect(events).toEqual(['closed', 'open', 'short-circuit']);
    });

    it('starts counting again after a success', async () => {
      const { breaker, call } = harness();
      await call(failure());
      await call(failure());
      await call();
      await call(failure());
      await call(failure());
      expect(breaker.state).toBe('closed');
    });

    it.each([
      ['a query the upstream rejected (the caller’s fault)', rejectedQuery],
      ['a call the caller cancelled', cancelled],
      ['an error that is not about the upstream', () => new Error('bug')],
    ])('does not count %s', async (_case, make) => {
      const { breaker, call } = harness({ failures: 1, openMs: 10_000, maxRetryAfterMs: 60_000 });
      for (let index = 0; index < 5; index += 1) await call(make());
      expect(breaker.state).toBe('closed');
    });
  });

  describe('when the upstream asks to wait with Retry-After', () => {
    it('opens at once for that long', async () => {
      const { breaker, call, advance } = harness();
      await call(throttled(30));
      expect(breaker.state).toBe('open');
      expect(breaker.retryAfterSeconds()).toBe(30);
      advance(29_000);
      expect(await call()).toBe('GW_ERR_SOURCE_UNAVAILABLE');
      advance(1_000);
      expect(await call()).toBe('ok');
      expect(breaker.state).toBe('closed');
    });

    it('obeys at most maxRetryAfterMs', async () => {
      const { breaker, call } = harness();
      await call(throttled(3_600));
      expect(breaker.retryAfterSeconds()).toBe(60);
    });
  });

  describe('after openMs', () => {
    async function opened(): Promise<Harness> {
      const h = harness({ failures: 1, openMs: 10_000, maxRetryAfterMs: 60_000 });
      await h.call(failure());
      h.advance(10_000);
      return h;
    }

    it('lets one probe through and answers the others at once meanwhile', async () => {
      const { breaker, events } = await opened();
      let finish: (value: string) => void = () => undefined;
      const probe = breaker.run(() => new Promise<string>((resolve) => (finish = resolve)));
      expect(breaker.state).toBe('half-open');
      const meanwhile = jest.fn(() => Promise.resolve('ok'));
      await expect(breaker.run(meanwhile)).rejects.toMatchObject({
        code: 'GW_ERR_SOURCE_UNAVAILABLE',
        retryAfter: 1,
      });
      expect(meanwhile).not.toHaveBeenCalled();
      finish('ok');
      await expect(probe).resolves.toBe('ok');
      expect(breaker.state).toBe('closed');
      expect(events).toEqual(['closed', 'open', 'half-open', 'short-circuit', 'closed']);
    });

    it('opens again for openMs when the probe fails', async () => {
      const { breaker, call } = await opened();
      expect(await call(failure())).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(breaker.state).toBe('open');
      expect(breaker.retryAfterSeconds()).toBe(10);
    });

    it('opens again when the caller cancelled the probe: it proved nothing', async () => {
      const { breaker, call } = await opened();
      await call(cancelled());
      expect(breaker.state).toBe('open');
    });

    it('closes when the upstream answered the probe with the caller’s fault', async () => {
      const { breaker, call } = await opened();
      await call(rejectedQuery());
      expect(breaker.state).toBe('closed');
    });
  });

  it('ignores calls that started before it opened and end after', async () => {
    const { breaker, call } = harness({ failures: 1, openMs: 10_000, maxRetryAfterMs: 60_000 });
    let finish: () => void = () => undefined;
    const slow = breaker.run(() => new Promise<void>((resolve) => (finish = resolve)));
    await call(failure());
    expect(breaker.state).toBe('open');
    finish();
    await slow;
    expect(breaker.state).toBe('open');
  });
});
