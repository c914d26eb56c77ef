/**
 * Regression: "An unauthenticated flood stalls the gateway". A whole envelope of up to 1 MB was
 * parsed before the credentials were checked; 8 connections sending bodies of empty sibling
 * elements without credentials stalled /healthz past 10 s and made a legitimate IPS call take
 * 20 s. Now the IPS endpoint has its own small body limit, checks credentials before the full
 * parse, and caps the envelopes parsed for callers it has not authenticated.
 */
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, ipsNs, postSoap } from '../helpers/soap';
import { flood } from './support/flood';

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack();
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());

type Filled = 'body' | 'header' | 'header without a Body';

/** An envelope of about `bytes` bytes without credentials, mostly empty sibling elements. */
function siblings(bytes: number, where: Filled): Buffer {
  const filler = '<a/>'.repeat(Math.floor((bytes - 600) / 4));
  const junk = `<junk xmlns="urn:x">${filler}</junk>`;
  const xml =
    where === 'body'
      ? envelope({
          body: `<getAssetJobLogsParam xmlns="${ipsNs()}">${filler}</getAssetJobLogsParam>`,
        })
      : where === 'header'
        ? envelope({ header: junk, body: assetJobLogsParam('c|6', 'a|732|1|535') })
        : envelope({ header: junk, body: '' }).replace('<soapenv:Body></soapenv:Body>', '');
  return Buffer.from(xml);
}

async function timed(call: () => Promise<Response>): Promise<{ ms: number; response: Response }> {
  const started = Date.now();
  const response = await call();
  await response.arrayBuffer();
  return { ms: Date.now() - started, response };
}

describe('POST /scene7/services/IpsApiService under an unauthenticated flood', () => {
  it('keeps /healthz and an authenticated getAssetJobLogs answering within 2 s', async () => {
    const legitimate = envelope({
      header: authHeader(SOAP_USER, SOAP_PASSWORD),
      body: assetJobLogsParam('c|6', 'a|732|1|536'),
    });
    // The bodies (about 900 KB), and the largest the IPS endpoint now accepts.
    const bodies = [
      siblings(900_000, 'body'),
      siblings(65_000, 'body'),
      siblings(65_000, 'header'),
      siblings(65_000, 'header without a Body'),
    ];
    for (const body of bodies.slice(1)) expect(body.length).toBeLessThanOrEqual(65_536);
    // Warm the probes' own path first (connections, first-call compilation): the flood's effect
    // is what is measured, not a cold start.
    expect((await timed(() => fetch(`${stack.gateway.url}/healthz`))).response.status).toBe(200);
    expect((await timed(() => postSoap(endpoint, legitimate))).response.status).toBe(200);
    const done = flood({
      url: endpoint,
      bodies,
      connections: 8,
      durationMs: 4000,
      maxRequests: 20_000,
    });
    let flooding = true;
    void done.finally(() => (flooding = false));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health: number[] = [];
    const soap: number[] = [];
    while (flooding) {
      const probe = await timed(() => fetch(`${stack.gateway.url}/healthz`));
      expect(probe.response.status).toBe(200);
      health.push(probe.ms);
      const call = await timed(() => postSoap(endpoint, legitimate));
      expect(call.response.status).toBe(200);
      soap.push(call.ms);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outcome = await done;
    const answered = Object.entries(outcome)
      .filter(([status]) => status !== 'error')
      .reduce((sum, [, count]) => sum + count, 0);
    expect(Math.max(...health)).toBeLessThan(2000);
    expect(Math.max(...soap)).toBeLessThan(2000);
    // The probes ran throughout the flood, and the flood really reached the gateway.
    expect(health.length).toBeGreaterThanOrEqual(3);
    expect(answered).toBeGreaterThanOrEqual(24);
  }, 60_000);
});
