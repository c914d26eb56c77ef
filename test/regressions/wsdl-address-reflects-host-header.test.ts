// Regression: without server.publicUrl, the WSDL's service address (and problem type URIs) were
// built from whatever Host header the caller sent, so one request could point a client at any
// host. Only hosts in server.allowedHosts are reflected now; any other Host gives the address
// the connection came in on.
import { request } from 'node:http';
import { startStack, type TestStack } from '../helpers/gateway';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ server: { allowedHosts: ['gw.example.com', 'gw.example.com:8443'] } });
});
afterAll(() => stack.close());

/** GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, stack.gateway.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers: { host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const addressOf = (wsdl: string): string[] =>
  [...wsdl.matchAll(/location="([^"]*)"/g)].map((match) => match[1]!);

describe('GET /scene7/services/IpsApiService?wsdl without server.publicUrl', () => {
  describe('when the Host header is not in server.allowedHosts', () => {
    it('gives the address the gateway listens on, never the Host sent', async () => {
      const { status, body } = await getWithHost(
        '/scene7/services/IpsApiService?wsdl',
        'attacker.example',
      );
      expect(status).toBe(200);
      const addresses = addressOf(body);
      expect(addresses.length).toBeGreaterThan(0);
      for (const address of addresses)
        expect(address).toBe(`${stack.gateway.url}/scene7/services/IpsApiService`);
    });
  });

  describe('when the Host header is in server.allowedHosts', () => {
    it.each(['gw.example.com', 'GW.example.com:8443'])('reflects %s', async (host) => {
      const { body } = await getWithHost('/scene7/services/IpsApiService?wsdl', host);
      for (const address of addressOf(body))
        expect(address).toBe(`http://${host.toLowerCase()}/scene7/services/IpsApiService`);
    });
  });
});

describe('a problem+json answer without server.publicUrl', () => {
  it('names problem types at the listening address when the Host is not allowed', async () => {
    const { status, body } = await getWithHost('/no/such/path', 'attacker.example');
    expect(status).toBe(404);
    const problem = JSON.parse(body) as { type: string };
    expect(problem.type).toBe(`${stack.gateway.url}/problems/not-found`);
  });
});
