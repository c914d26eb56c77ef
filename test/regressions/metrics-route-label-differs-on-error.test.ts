// Regression: the HTTP request counter labelled a route `/v1/job-logs` when it succeeded and
// `/job-logs` when it failed (express had left the /v1 router by the time the error was
// answered), and it told neither callers nor SOAP operations apart. The label is the full route
// template in both cases now, with bounded `caller` (configured API keys and SOAP users only) and
// `operation` labels.
import { startLosantStack, type LosantStack } from '../helpers/gateway';

let stack: LosantStack;
beforeAll(async () => {
  stack = await startLosantStack();
});
afterAll(() => stack.close());

interface Sample {
  readonly labels: Record<string, string>;
  readonly value: number;
}

async function requestCounter(): Promise<Sample[]> {
  const text = await (await fetch(`${stack.gateway.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('joblog_gateway_http_requests_total{'))
    .map((line) => {
      const [, labelText, value] = /^[^{]+\{(.*)\} (\S+)$/.exec(line)!;
      const labels = Object.fromEntries(
        [...labelText!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, label]) => [key!, label!]),
      );
      return { labels, value: Number(value) };
    });
}

const key = { authorization: 'Bearer test-api-key-0123456789' };

describe('joblog_gateway_http_requests_total', () => {
  describe('when GET /v1/job-logs succeeds once and fails once', () => {
    it('counts both under route /v1/job-logs, with the caller and an empty operation', async () => {
      expect((await fetch(`${stack.gateway.url}/v1/job-logs`, { headers: key })).status).toBe(200);
      expect(
        (await fetch(`${stack.gateway.url}/v1/job-logs?limit=nope`, { headers: key })).status,
      ).toBe(400);
      const samples = await requestCounter();
      const listing = samples.filter((sample) => sample.labels.route?.endsWith('/job-logs'));
      expect(listing.map((sample) => sample.labels)).toEqual(
        expect.arrayContaining([
          {
            route: '/v1/job-logs',
            method: 'GET',
            status: '200',
            caller: 'key:tests',
            operation: '',
          },
          {
            route: '/v1/job-logs',
            method: 'GET',
            status: '400',
            caller: 'key:tests',
            operation: '',
          },
        ]),
      );
      expect(listing.every((sample) => sample.labels.route === '/v1/job-logs')).toBe(true);
    });
  });

  describe('when the caller is anonymous or the path unknown', () => {
    it('labels the caller empty and the route "unmatched"', async () => {
      await fetch(`${stack.gateway.url}/no/such/path`);
      const samples = await requestCounter();
      expect(samples.map((sample) => sample.labels)).toContainEqual({
        route: 'unmatched',
        method: 'GET',
        status: '404',
        caller: '',
        operation: '',
      });
    });
  });
});
