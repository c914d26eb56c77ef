// Regression: about 20,000 idle or slow connections made the gateway unreachable. maxConnections
// was unset, so file descriptors ran out, and slow headers survived 45-47 s because Node checks
// headersTimeout only every 30 s by default. Here a few hundred sockets against a small cap show
// the same: the cap holds, slow sockets are reaped within headersTimeoutMs + 1 s, /healthz answers.
import { startGatewayFor, type GatewayUnderTest } from '../helpers/gateway';
import { UNREACHED_SOURCE } from '../integration/admission/fixtures';
import { openRaw, statusOf, type RawClient } from './raw-http';

const CAP = 40;
const SOCKETS = 200;
const HEADERS_TIMEOUT_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

let subject: GatewayUnderTest;
beforeAll(async () => {
  subject = await startGatewayFor([UNREACHED_SOURCE], {
    server: { maxConnections: CAP, headersTimeoutMs: HEADERS_TIMEOUT_MS },
  });
});
afterAll(() => subject.gateway.close(100));

describe('the gateway', () => {
  describe(`when ${SOCKETS} clients connect and send their headers one byte at a time`, () => {
    it('accepts no more than server.maxConnections, closes the slow ones within headersTimeoutMs + 1 s, and answers /healthz again', async () => {
      const clients: RawClient[] = [];
      for (let i = 0; i < SOCKETS; i += 1)
        clients.push(await openRaw(subject.gateway.url, 'GET /healthz HTTP/1.1\r\nX-Slow: '));
      // Slowloris: a header byte every 200 ms keeps each connection busy without ever finishing.
      const drip = setInterval(() => {
        for (const client of clients) if (client.socket.writable) client.socket.write('a');
      }, 200);
      try {
        await sleep(300);
        const dropped = clients.filter((client) => client.socket.destroyed);
        // Every connection over the cap is closed at once, without an HTTP answer.
        expect(dropped.length).toBeGreaterThanOrEqual(SOCKETS - CAP);
        expect(dropped.every((client) => client.received() === '')).toBe(true);

        // Each time is from that client's own connect; Node now checks every second.
        const times = await Promise.all(clients.map((client) => client.closed));
        expect(Math.max(...times)).toBeLessThan(HEADERS_TIMEOUT_MS + 1000 + 500);
        const answered = clients.filter((client) => client.received() !== '');
        expect(answered.length).toBeGreaterThan(0);
        expect(answered.length).toBeLessThanOrEqual(CAP);
        expect(answered.every((client) => statusOf(client.received()) === 408)).toBe(true);
      } finally {
        clearInterval(drip);
        for (const client of clients) client.socket.destroy();
      }
      const health = await fetch(`${subject.gateway.url}/healthz`);
      expect(health.status).toBe(200);
    }, 15_000);
  });
});
