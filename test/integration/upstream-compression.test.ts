/**
 * The per-source `compression` option reaches the wire for the JSON sources too: with
 * `compression: false` the gateway sends no Accept-Encoding (a loopback upstream answers plain),
 * by default it asks for gzip/deflate.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getFromGateway, startGatewayFor, type GatewayUnderTest } from '../helpers/gateway';

const APPLICATION = '575ec8687ae143cd83dc4a97';
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
let upstream: Server;
let under: GatewayUnderTest;

beforeAll(async () => {
  // A Losant-shaped upstream with no job logs, recording the headers of every request.
  upstream = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: [], count: 0, totalCount: 0, perPage: 100, page: 0 }));
  });
  await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const losant = { type: 'losant', baseUrl, applicationId: APPLICATION, token: 'not-checked' };
  under = await startGatewayFor([
    { ...losant, id: 'plain', compression: false },
    { ...losant, id: 'zipped' },
  ]);
});
afterAll(async () => {
  await under.gateway.close(100);
  await new Promise((done) => upstream.close(done));
});

describe('GET /v1/job-logs of a losant source', () => {
  it.each([
    ['plain', undefined],
    ['zipped', 'gzip, deflate'],
  ])('with source %s sends Accept-Encoding %s', async (source, expected) => {
    seen.length = 0;
    const response = await getFromGateway(under.gateway, `/v1/job-logs?source=${source}`);
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['accept-encoding']).toBe(expected);
  });
});
