// Regression: a config with server.requestTimeoutMs under 15 s made startGateway throw
// (Node refuses headersTimeout > requestTimeout), found by test/integration/demo-fan-out.test.ts.
import pino from 'pino';
import { buildConfig } from '../../src/config/load';
import { startGateway } from '../../src/server/gateway';

describe('startGateway', () => {
  describe('when server.requestTimeoutMs is the smallest allowed value', () => {
    it('starts and answers', async () => {
      const config = buildConfig({
        server: { host: '127.0.0.1', port: 0, logLevel: 'silent', requestTimeoutMs: 100 },
        sources: [
          {
            id: 'scene7-x',
            type: 'scene7',
            url: 'http://127.0.0.1:9/scene7/services/IpsApiService',
            credentials: { mode: 'passthrough' },
          },
        ],
      });
      const gateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
      try {
        expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
      } finally {
        await gateway.close(100);
      }
    });
  });
});
