/**
 * The executor tells a caller's hang-up from an upstream failure by its catalogue code: 499
 * GW_ERR_CLIENT_CLOSED (not an upstream's 502), with the caller's reason kept as the cause.
 */
import { GatewayError } from '../../../src/errors/gateway-error';
import { createHttpExecutor, isCancelledByCaller } from '../../../src/sources/http';
import {
  hang,
  slowRead,
  startHostileUpstream,
  type HostileUpstream,
} from '../../helpers/hostile-upstream';

let upstream: HostileUpstream;
const http = createHttpExecutor();

beforeAll(async () => {
  upstream = await startHostileUpstream(hang());
});
afterAll(async () => {
  await http.close();
  await upstream.close();
});

function send(signal: AbortSignal, deadline: number): Promise<GatewayError> {
  return http.send(slowRead(upstream.url), { signal, deadline }).then(
    () => {
      throw new Error('the call should have failed');
    },
    (error: unknown) => error as GatewayError,
  );
}

describe('createHttpExecutor().send', () => {
  describe('when the caller hangs up during the call', () => {
    it('rejects with 499 GW_ERR_CLIENT_CLOSED, the caller reason as cause', async () => {
      const caller = new AbortController();
      const reason = new Error('client closed the connection');
      setTimeout(() => caller.abort(reason), 100);
      const error = await send(caller.signal, Date.now() + 10_000);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error.code).toBe('GW_ERR_CLIENT_CLOSED');
      expect(error.status).toBe(499);
      expect(error.source).toBe('slow');
      expect(error.cause).toBe(reason);
      expect(isCancelledByCaller(error, caller.signal)).toBe(true);
    });
  });

  describe('when the attempt runs out of time before the caller does', () => {
    it('rejects with 504 GW_ERR_UPSTREAM_TIMEOUT, not as a cancellation', async () => {
      const caller = new AbortController();
      const error = await send(caller.signal, Date.now() + 300);
      expect(error.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(error.message).toContain('(total)');
      expect(isCancelledByCaller(error, caller.signal)).toBe(false);
    });
  });
});
