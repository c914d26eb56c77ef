/**
 * The token cache of the business-central source, against the emulator's real token endpoint
 * over loopback. Both clocks are injected, so expiry is exercised without sleeping.
 */
import pino from 'pino';
import {
  createBusinessCentralSeed,
  startBusinessCentralEmulator,
  type BusinessCentralEmulator,
} from '../../../src/emulators/business-central';
import { GatewayError } from '../../../src/errors/gateway-error';
import { createHttpExecutor, type HttpExecutor } from '../../../src/sources/http';
import { createTokenProvider, type TokenProvider } from '../../../src/sources/oauth2';
import type { CallContext } from '../../../src/contract';

const TTL_SECONDS = 3599;
let time = 1_700_000_000_000;
const now = (): number => time;
let emulator: BusinessCentralEmulator;
let http: HttpExecutor;

beforeAll(async () => {
  emulator = await startBusinessCentralEmulator({
    seed: createBusinessCentralSeed({ companies: [{ name: 'CRONUS USA, Inc.', entries: 1 }] }),
    tokenTtlSeconds: TTL_SECONDS,
    now,
  });
  http = createHttpExecutor();
});
afterAll(async () => {
  await http.close();
  await emulator.close();
});
beforeEach(() => emulator.clearRequests());

function context(): CallContext {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + 5_000,
    requestId: 'test',
    logger: pino({ level: 'silent' }),
  };
}

function provider(
  clientSecret = 'gateway-secret',
  scope = 'https://api.businesscentral.dynamics.com/.default',
): TokenProvider {
  return createTokenProvider(
    {
      sourceId: 'bc-test',
      tokenUrl: emulator.tokenUrl,
      clientId: 'gateway-client',
      clientSecret,
      scope,
      timeoutMs: 2_000,
      maxAttempts: 2,
      now,
    },
    http,
  );
}

const tokenRequests = (): number => emulator.requests.filter((r) => r.endpoint === 'token').length;

describe('createTokenProvider', () => {
  describe('when a token is cached and far from expiry', () => {
    it('reuses it without asking again', async () => {
      const tokens = provider();
      const first = await tokens.token(context());
      time += 30 * 60_000;
      expect(await tokens.token(context())).toBe(first);
      expect(tokenRequests()).toBe(1);
    });
  });

  describe('when the token is within the refresh margin of its expiry', () => {
    it('asks for a new one before it expires', async () => {
      const tokens = provider();
      const first = await tokens.token(context());
      // 60 s margin on a 3599 s token: at 3538 s it is still used, at 3540 s it is not.
      time += 3_538_000;
      expect(await tokens.token(context())).toBe(first);
      time += 2_000;
      const second = await tokens.token(context());
      expect(second).not.toBe(first);
      expect(tokenRequests()).toBe(2);
    });
  });

  describe('when tokens are short-lived', () => {
    it('refreshes at 90% of their life', async () => {
      const short = await startBusinessCentralEmulator({
        seed: createBusinessCentralSeed({ companies: [] }),
        tokenTtlSeconds: 20,
        now,
      });
      try {
        const tokens = createTokenProvider(
          {
            sourceId: 'bc-test',
            tokenUrl: short.tokenUrl,
            clientId: 'gateway-client',
            clientSecret: 'gateway-secret',
            scope: 'https://api.businesscentral.dynamics.com/.default',
            timeoutMs: 2_000,
            maxAttempts: 1,
            now,
          },
          http,
        );
        const first = await tokens.token(context());
        time += 17_999;
        expect(await tokens.token(context())).toBe(first);
        time += 1;
        expect(await tokens.token(context())).not.toBe(first);
      } finally {
        await short.close();
      }
    });
  });

  describe('when many calls want a token at once', () => {
    it('asks once for all of them', async () => {
      const tokens = provider();
      const all = await Promise.all(Array.from({ length: 8 }, () => tokens.token(context())));
      expect(new Set(all).size).toBe(1);
      expect(tokenRequests()).toBe(1);
    });
  });

  describe('when the API refused a token', () => {
    it('drops that token and gets a new one', async () => {
      const tokens = provider();
      const first = await tokens.token(context());
      tokens.invalidate(first);
      const second = await tokens.token(context());
      expect(second).not.toBe(first);
      tokens.invalidate(first); // an old token going stale does not drop the new one
      expect(await tokens.token(context())).toBe(second);
      expect(tokenRequests()).toBe(2);
    });
  });

  describe('when the token endpoint refuses the credentials', () => {
    it.each([
      ['a wrong secret', 'nope', undefined, 401, 'invalid_client'],
      [
        'a wrong scope',
        'gateway-secret',
        'https://graph.microsoft.com/.default',
        400,
        'invalid_scope',
      ],
    ])(
      'throws GW_ERR_UPSTREAM_REJECTED_CREDS for %s',
      async (_case, secret, scope, status, code) => {
        const error = await provider(secret, scope)
          .token(context())
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(GatewayError);
        expect(error).toMatchObject({
          code: 'GW_ERR_UPSTREAM_REJECTED_CREDS',
          source: 'bc-test',
          upstream: { status, code },
        });
        expect((error as GatewayError).message).not.toContain('nope');
      },
    );
  });
});
