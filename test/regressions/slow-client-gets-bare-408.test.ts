// Regression: a client too slow with its headers or body got Node's bare 408 (no body, no
// request id), or nothing for 45 s. Where an answer can still be written, it is a problem+json
// (GW_ERR_REQUEST_TIMEOUT) with Connection: close, or the IPS fault on the IPS endpoint.
import { API_KEY, startStack, type TestStack } from '../helpers/gateway';
import { ipsFaultOf } from '../helpers/soap';
import { openRaw, partsOf, statusOf } from './raw-http';

const HEADERS_TIMEOUT_MS = 600;
const REQUEST_TIMEOUT_MS = 1500;

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({
    server: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS },
  });
});
afterAll(() => stack.close());

/** Waits for the socket to close, at most `ms`; -1 when it stayed open. */
async function closedWithin(closed: Promise<number>, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((done) => (timer = setTimeout(() => done(-1), ms)));
  try {
    return await Promise.race([closed, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a client that is too slow', () => {
  describe('when its headers do not arrive within server.headersTimeoutMs', () => {
    it('gets a 408 problem+json with Connection: close within headersTimeoutMs + 1 s, then the socket closes', async () => {
      const client = await openRaw(stack.gateway.url, 'GET /v1/sources HTTP/1.1\r\nHost: gw\r\n');
      const closedAfter = await closedWithin(client.closed, HEADERS_TIMEOUT_MS + 1000 + 500);
      client.socket.destroy();
      expect(closedAfter).toBeGreaterThan(0);
      const response = client.received();
      expect(statusOf(response)).toBe(408);
      const { headers, body } = partsOf(response);
      expect(headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(headers.connection).toBe('close');
      expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
      const problem = JSON.parse(body) as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 408, code: 'GW_ERR_REQUEST_TIMEOUT' });
      expect(problem.requestId).toBe(headers['x-request-id']);
    });
  });

  describe('when it connects and sends nothing', () => {
    it('is answered 408 and closed within headersTimeoutMs + 1 s', async () => {
      const client = await openRaw(stack.gateway.url);
      const closedAfter = await closedWithin(client.closed, HEADERS_TIMEOUT_MS + 1000 + 500);
      client.socket.destroy();
      expect(closedAfter).toBeGreaterThan(0);
      expect(statusOf(client.received())).toBe(408);
    });
  });

  describe('when its JSON request body stops half way', () => {
    it('gets a 408 problem+json once server.requestTimeoutMs has passed', async () => {
      const client = await openRaw(
        stack.gateway.url,
        `POST /v1/sources HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
      );
      const closedAfter = await closedWithin(client.closed, REQUEST_TIMEOUT_MS + 1000 + 500);
      client.socket.destroy();
      expect(closedAfter).toBeGreaterThan(0);
      const response = client.received();
      expect(statusOf(response)).toBe(408);
      expect(partsOf(response).headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(partsOf(response).body)).toMatchObject({ code: 'GW_ERR_REQUEST_TIMEOUT' });
    });
  });

  describe('when its SOAP request body to the IPS endpoint stops half way', () => {
    it('gets an IPS fault once server.requestTimeoutMs has passed', async () => {
      const client = await openRaw(
        stack.gateway.url,
        'POST /scene7/services/IpsApiService HTTP/1.1\r\nHost: gw\r\nContent-Type: text/xml; charset=UTF-8\r\nSOAPAction: getJobLogs\r\nContent-Length: 400\r\n\r\n<soapenv:Envelope',
      );
      const closedAfter = await closedWithin(client.closed, REQUEST_TIMEOUT_MS + 1000 + 500);
      client.socket.destroy();
      expect(closedAfter).toBeGreaterThan(0);
      const response = client.received();
      expect(partsOf(response).headers['content-type']).toMatch(/^text\/xml/);
      expect(ipsFaultOf(partsOf(response).body)).toMatchObject({ code: 30000 });
    });
  });
});
