import pino from 'pino';
import { buildConfig } from '../../src/config/load';
import { checkUpstreams, exitCodeOfChecks, formatChecks } from '../../src/cli/check-upstreams';
import {
  BUSINESS_CENTRAL_CLIENTS,
  startBusinessCentralEmulator,
  type BusinessCentralEmulator,
} from '../../src/emulators/business-central';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  startLosantEmulator,
  type LosantEmulator,
} from '../../src/emulators/losant';
import { startScene7Emulator, type Scene7Emulator } from '../../src/emulators/scene7';
import { defaultBusinessCentralSeed } from '../helpers/gateway';

let scene7: Scene7Emulator;
let bc: BusinessCentralEmulator;
let losant: LosantEmulator;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  [scene7, bc, losant] = await Promise.all([
    startScene7Emulator(),
    startBusinessCentralEmulator({ seed: defaultBusinessCentralSeed() }),
    startLosantEmulator(),
  ]);
});
afterAll(async () => {
  await Promise.all([scene7?.close(), bc?.close(), losant?.close()]);
});

function config() {
  const client = BUSINESS_CENTRAL_CLIENTS[0];
  return buildConfig({
    server: { logLevel: 'silent' },
    sources: [
      {
        id: 'scene7-ci',
        type: 'scene7',
        url: scene7.serviceUrl,
        companyHandle: 'c|6',
        credentials: {
          mode: 'gateway',
          user: 'ips-api@example.com',
          password: 'demo-ips-password',
        },
      },
      {
        id: 'bc-ci',
        type: 'business-central',
        baseUrl: bc.url,
        tenant: bc.tenant,
        environment: bc.environment,
        companyId: bc.companies[0]!.id,
        auth: {
          tokenUrl: bc.tokenUrl,
          clientId: client.clientId,
          clientSecret: client.clientSecret,
        },
      },
      {
        id: 'losant-ci',
        type: 'losant',
        baseUrl: losant.url,
        applicationId: LOSANT_FACTORY_APPLICATION_ID,
        token: LOSANT_GATEWAY_TOKEN,
      },
    ],
  });
}

describe('checkUpstreams', () => {
  describe('when every upstream answers and matches its schemas', () => {
    it('reports each source ok and exits 0', async () => {
      const checks = await checkUpstreams(config(), { logger, sample: 5 });
      expect(
        checks.map(({ source, ok, reachable, records }) => ({ source, ok, reachable, records })),
      ).toEqual([
        { source: 'scene7-ci', ok: true, reachable: true, records: 5 },
        { source: 'bc-ci', ok: true, reachable: true, records: 5 },
        { source: 'losant-ci', ok: true, reachable: true, records: 5 },
      ]);
      expect(exitCodeOfChecks(checks)).toBe(0);
      expect(formatChecks(checks, 'text')).toMatch(
        /^OK {3}scene7-ci \(scene7\): reachable in \d+ ms, 5 record\(s\) valid$/m,
      );
    });
  });

  describe('when an upstream record drifts from its schema', () => {
    it('names the source and the violation, and exits 1', async () => {
      // Twice: the probe reads first, then the sample read gets the drifted record.
      losant.inject({ kind: 'invalid-record' }, 2);
      const checks = await checkUpstreams(config(), { logger, sample: 5 });
      const drifted = checks.find((check) => check.source === 'losant-ci');
      expect(drifted).toMatchObject({ ok: false, reachable: true });
      expect(drifted?.violations.length).toBeGreaterThan(0);
      expect(exitCodeOfChecks(checks)).toBe(1);
      expect(formatChecks(checks, 'junit')).toMatch(
        /<testsuite name="joblog-gateway check-upstreams" tests="3" failures="1">/,
      );
    });
  });

  describe('when an upstream fails', () => {
    it('reports its error code and exits 1', async () => {
      bc.inject(
        {
          kind: 'http-error',
          status: 500,
          body: '{"error":{"code":"Internal_ServerError","message":"boom"}}',
          headers: { 'content-type': 'application/json' },
        },
        3,
      );
      const checks = await checkUpstreams(config(), { logger, sample: 5 });
      bc.clearFaults();
      expect(checks.find((check) => check.source === 'bc-ci')).toMatchObject({
        ok: false,
        error: { code: 'GW_ERR_UPSTREAM_FAULT' },
      });
      expect(JSON.parse(formatChecks(checks, 'json'))).toMatchObject({
        sources: expect.any(Array),
      });
    });
  });
});
