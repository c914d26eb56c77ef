/**
 * V8 keeps a request alive until a full collection when the request's prototype is changed after
 * it was made; with 40 % of every request surviving each young collection, collection took 14-25 %
 * of the gateway's CPU (bench/RESULTS.md, 2026-11-28). The gateway's server makes its requests
 * and responses with express's prototypes (server/express-messages.ts), so express's own
 * `Object.setPrototypeOf` per request changes nothing, on every kind of route.
 */
import { getJson, SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, postSoap } from '../helpers/soap';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.close();
});

afterEach(() => {
  jest.restoreAllMocks();
});

/**
 * Counts the Object.setPrototypeOf calls on the request and response objects of connections to
 * `port` while `run` runs (the Scene7 emulator is an express app in this process too), and those
 * of them that changed the prototype.
 */
async function prototypeCallsDuring(
  port: number,
  run: () => Promise<void>,
): Promise<{ calls: number; changes: number }> {
  const original = Object.setPrototypeOf.bind(Object);
  const counted = { calls: 0, changes: 0 };
  jest.spyOn(Object, 'setPrototypeOf').mockImplementation((object: object, proto) => {
    const socket = (object as { socket?: { localPort?: number } | null }).socket;
    if (socket?.localPort === port) {
      counted.calls += 1;
      if (Object.getPrototypeOf(object) !== proto) counted.changes += 1;
    }
    return original(object, proto) as object;
  });
  await run();
  return counted;
}

describe('the gateway server', () => {
  it('re-prototypes no request or response: probes, the JSON API, the IPS endpoint, a 404', async () => {
    const port = Number(new URL(stack.gateway.url).port);
    const { calls, changes } = await prototypeCallsDuring(port, async () => {
      expect((await getJson(stack, '/healthz', null)).status).toBe(200);
      expect((await getJson(stack, '/v1/job-logs?limit=2')).status).toBe(200);
      expect((await getJson(stack, '/nowhere')).status).toBe(404);
      const ips = await postSoap(
        `${stack.gateway.url}/scene7/services/IpsApiService`,
        envelope({
          header: authHeader(SOAP_USER, SOAP_PASSWORD),
          body: assetJobLogsParam('c|6', 'a|732|1|535'),
        }),
      );
      expect(ips.status).toBe(200);
    });
    // express did call it on each request and response of the four (the spy saw them all), and
    // none of those calls changed a prototype.
    expect(calls).toBe(8);
    expect(changes).toBe(0);
  });
});
