/**
 * POST /scene7/services/IpsApiService: envelopes whose caller is not authenticated from the
 * head (passthrough mode, where IPS checks the password; credentials the head does not show
 * cheaply) are parsed in at most facades.ips.maxUnauthenticatedParses slots (default 4); the
 * rest are refused at once with ipsApiFault 30000, HTTP 503 and Retry-After.
 */
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, ipsFaultOf } from '../../helpers/soap';
import { burst, openConnection, soapRequest, type RawConnection } from './raw-burst';

const PATH = '/scene7/services/IpsApiService';
const MAX_UNAUTHENTICATED_PARSES = 4;
const BURST = 7;
// A seeded IPS user of the emulator, a member of NorthwindOutfitters (c|14).
const NORTHWIND = { user: 'studio@northwind.example.com', password: 'northwind-studio-password' };

async function connections(stack: TestStack, count: number): Promise<RawConnection[]> {
  return Promise.all(Array.from({ length: count }, () => openConnection(stack.gateway.url)));
}

function expectShed(
  responses: ReadonlyArray<{ status: number; headers: Record<string, string>; body: string }>,
  count: number,
): void {
  const shed = responses.filter((response) => response.status === 503);
  expect(shed).toHaveLength(count);
  for (const response of shed) {
    expect(response.headers['retry-after']).toBe('1');
    expect(ipsFaultOf(response.body)).toMatchObject({
      kind: 'ipsApiFault',
      code: 30000,
      soapCode: 'soapenv:Server',
    });
  }
}

describe('in passthrough mode (credentials go to IPS)', () => {
  let stack: TestStack;
  let open: RawConnection[];
  beforeAll(async () => {
    stack = await startStack({ credentialsMode: 'passthrough' });
    open = await connections(stack, BURST);
  });
  afterAll(async () => {
    for (const connection of open) connection.socket.destroy();
    await stack.close();
  });

  it(`parses ${MAX_UNAUTHENTICATED_PARSES} of ${BURST} envelopes arriving at once and sheds the rest with 30000 and Retry-After`, async () => {
    const xml = envelope({
      header: authHeader(NORTHWIND.user, NORTHWIND.password),
      body: assetJobLogsParam('c|14', 'a|1408|1|200'),
    });
    const responses = await burst(
      open,
      open.map(() => soapRequest(PATH, xml)),
    );
    expectShed(responses, BURST - MAX_UNAUTHENTICATED_PARSES);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(
      MAX_UNAUTHENTICATED_PARSES,
    );
  });

  it('gives the slots back: the next envelopes are parsed', async () => {
    const xml = envelope({
      header: authHeader(NORTHWIND.user, NORTHWIND.password),
      body: assetJobLogsParam('c|14', 'a|1408|1|200'),
    });
    const some = open.slice(0, MAX_UNAUTHENTICATED_PARSES);
    const responses = await burst(
      some,
      some.map(() => soapRequest(PATH, xml)),
    );
    expect(responses.map((response) => response.status)).toEqual(
      Array(MAX_UNAUTHENTICATED_PARSES).fill(200),
    );
  });

  it('answers a caller without credentials with 10000 and takes no slot', async () => {
    const xml = envelope({ body: assetJobLogsParam('c|14', 'a|1408|1|200') });
    const responses = await burst(
      open,
      open.map(() => soapRequest(PATH, xml)),
    );
    expect(responses.map((response) => ipsFaultOf(response.body)?.code)).toEqual(
      Array(BURST).fill(10000),
    );
  });
});

describe('in gateway mode (the gateway checks the credentials)', () => {
  let stack: TestStack;
  let open: RawConnection[];
  beforeAll(async () => {
    stack = await startStack();
    open = await connections(stack, BURST);
  });
  afterAll(async () => {
    for (const connection of open) connection.socket.destroy();
    await stack.close();
  });

  it('parses every envelope of callers authenticated from the head, none shed', async () => {
    const xml = envelope({
      header: authHeader(SOAP_USER, SOAP_PASSWORD),
      body: assetJobLogsParam('c|6', 'a|732|1|536'),
    });
    const responses = await burst(
      open,
      open.map(() => soapRequest(PATH, xml)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(BURST).fill(200));
  });

  it('parses credentials the head does not show cheaply in the slots', async () => {
    // An authHeader longer than the head the gateway reads first (8 KiB).
    const xml = envelope({
      header: authHeader(SOAP_USER, SOAP_PASSWORD, `<appName>${'x'.repeat(9000)}</appName>`),
      body: assetJobLogsParam('c|6', 'a|732|1|536'),
    });
    const responses = await burst(
      open,
      open.map(() => soapRequest(PATH, xml)),
    );
    expectShed(responses, BURST - MAX_UNAUTHENTICATED_PARSES);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(
      MAX_UNAUTHENTICATED_PARSES,
    );
  });
});
