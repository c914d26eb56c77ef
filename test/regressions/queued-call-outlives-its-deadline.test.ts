/**
 * Regression: a call waiting for a pooled socket was not answered at its deadline. The attempt's
 * timer aborted its signal, but undici's `request` only records an abort until the request gets a
 * socket, so the caller waited for the socket to free (here, the 3 s of a hung call) and was
 * then answered 504. The executor now answers a waiting call at once when its signal aborts.
 */
import type { GatewayError } from '../../src/errors/gateway-error';
import { createHttpExecutor } from '../../src/sources/http';
import {
  hang,
  slowRead,
  startHostileUpstream,
  type HostileUpstream,
} from '../helpers/hostile-upstream';

let upstream: HostileUpstream;

beforeAll(async () => {
  upstream = await startHostileUpstream(hang());
});
afterAll(async () => {
  await upstream.close();
});

describe('createHttpExecutor({ connections: 1 }).send, the one socket held by a hung call', () => {
  it('answers a call still waiting for a socket at its own deadline, not when the socket frees', async () => {
    const single = createHttpExecutor({ connections: 1 });
    const call = (deadline: number, signal: AbortSignal): Promise<unknown> =>
      single.send(slowRead(upstream.url), { signal, deadline });
    try {
      const first = new AbortController();
      const holding = call(Date.now() + 3_000, first.signal).catch((error: unknown) => error);
      const started = Date.now();
      const waiting = await call(Date.now() + 300, new AbortController().signal).then(
        () => undefined,
        (error: unknown) => error as GatewayError,
      );
      expect(waiting?.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      // At its own deadline (300 ms), long before the hung call lets go of the socket (3 s).
      expect(Date.now() - started).toBeLessThan(2_000);
      first.abort(new Error('done'));
      await holding;
    } finally {
      await single.close();
    }
  });
});
