/**
 * Regression: cursors were unsigned base64 JSON. A hand-made cursor with a time of
 * `+275760-09-13T00:00:00.000Z` made the gateway throw a RangeError (500) while building the next
 * page's query, an extreme time could reach an upstream `$filter`, and an edited cursor or one
 * made for another API key was accepted. Cursors are now signed (HMAC-SHA256) and bound to the
 * query's filters and the caller's key: anything else is a 400 that names `cursor`, and no call
 * goes upstream for it.
 */
import { createHash } from 'node:crypto';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  startLosantEmulator,
  type LosantEmulator,
} from '../../src/emulators/losant';
import {
  API_KEY,
  getFromGateway,
  startGatewayFor,
  type GatewayUnderTest,
} from '../helpers/gateway';

const OTHER_KEY = 'another-key-0123456789abcdef';
const LIST = '/v1/job-logs?source=losant-test&limit=2';

let losant: LosantEmulator;
let under: GatewayUnderTest;

beforeAll(async () => {
  losant = await startLosantEmulator();
  under = await startGatewayFor(
    [
      {
        id: 'losant-test',
        type: 'losant',
        baseUrl: losant.url,
        applicationId: LOSANT_FACTORY_APPLICATION_ID,
        token: LOSANT_GATEWAY_TOKEN,
      },
    ],
    { auth: { apiKeys: [{ id: 'other', key: OTHER_KEY }] } },
  );
});
afterAll(async () => {
  await under.gateway.close(100);
  await losant.close();
});

async function firstPage(key = API_KEY): Promise<string> {
  const response = await getFromGateway(under.gateway, LIST, key);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { next?: string };
  expect(body.next).toBeDefined();
  return body.next!;
}

/** The unsigned cursor format of before, with the right filter fingerprint. */
function unsignedCursor(time: string): string {
  const filters = [['losant-test'], [], null, null, null, 2];
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(filters))
    .digest('base64url')
    .slice(0, 16);
  return Buffer.from(JSON.stringify([1, time, 'losant-test.x', fingerprint])).toString('base64url');
}

async function expectRefused(cursor: string, key = API_KEY): Promise<void> {
  const before = losant.requests.length;
  const response = await getFromGateway(
    under.gateway,
    `${LIST}&cursor=${encodeURIComponent(cursor)}`,
    key,
  );
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({
    code: 'GW_ERR_INVALID_PARAMETER',
    parameter: 'cursor',
  });
  expect(losant.requests.length).toBe(before);
}

describe('GET /v1/job-logs with a cursor', () => {
  it('continues with a cursor the gateway made for the same query and key', async () => {
    const cursor = await firstPage();
    const response = await getFromGateway(
      under.gateway,
      `${LIST}&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(response.status).toBe(200);
  });

  describe('when the cursor is hand-made with an out-of-range time', () => {
    it('answers 400, not 500, and asks no upstream', async () => {
      await expectRefused(unsignedCursor('+275760-09-13T00:00:00.000Z'));
      await expectRefused(unsignedCursor('2026-03-01T00:00:00.000Z'));
    });
  });

  describe('when a real cursor is edited', () => {
    it('answers 400: the signature no longer matches', async () => {
      const cursor = await firstPage();
      const [payload, signature] = cursor.split('.') as [string, string];
      const position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
      position[1] = '1999-01-01T00:00:00.000Z';
      const edited = `${Buffer.from(JSON.stringify(position)).toString('base64url')}.${signature}`;
      await expectRefused(edited);
    });
  });

  describe('when the cursor was made for another API key', () => {
    it('answers 400 to the other key', async () => {
      await expectRefused(await firstPage(API_KEY), OTHER_KEY);
    });
  });

  describe('when the cursor was made for other filters', () => {
    it('answers 400', async () => {
      const cursor = await firstPage();
      const response = await getFromGateway(
        under.gateway,
        `/v1/job-logs?source=losant-test&limit=3&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(response.status).toBe(400);
    });
  });
});
