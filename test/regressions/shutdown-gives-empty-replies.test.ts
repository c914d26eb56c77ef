// Regression: requests still running when the shutdown grace ran out got an empty reply (the
// socket was simply closed). They now get GW_ERR_SHUTTING_DOWN before their sockets close: a
// 503 problem+json for JSON callers, the IPS fault for callers of the IPS endpoint.
import { API_KEY, SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../helpers/gateway';
import { untilRecorded } from '../integration/admission/fixtures';
import { assetJobLogsParam, authHeader, envelope, ipsFaultOf, postSoap } from '../helpers/soap';

let stack: TestStack;
beforeEach(async () => {
  // A request deadline far beyond the grace, so only the shutdown can end the hung requests.
  stack = await startStack({ server: { requestTimeoutMs: 20_000 }, scene7: { timeoutMs: 15_000 } });
});
afterEach(async () => {
  await stack.gateway.close(0);
  await stack.scene7.close();
});

describe('closing the gateway', () => {
  describe('when requests are still waiting for a hung upstream after the grace period', () => {
    it('answers the JSON caller 503 GW_ERR_SHUTTING_DOWN and the IPS caller an IPS fault, then closes', async () => {
      stack.scene7.inject({ kind: 'hang' }, 2);
      const json = fetch(
        `${stack.gateway.url}/v1/job-logs?source=scene7-test&assetHandle=a%7C732%7C1%7C535`,
        { headers: { authorization: `Bearer ${API_KEY}` } },
      );
      const soap = postSoap(
        `${stack.gateway.url}/scene7/services/IpsApiService`,
        envelope({
          header: authHeader(SOAP_USER, SOAP_PASSWORD),
          body: assetJobLogsParam('c|6', 'a|732|1|535'),
        }),
      );
      await untilRecorded(stack.scene7.requests, 2);

      const started = Date.now();
      const closed = stack.gateway.close(300);

      const jsonResponse = await json;
      expect(jsonResponse.status).toBe(503);
      expect(jsonResponse.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(jsonResponse.headers.get('connection')).toBe('close');
      expect(jsonResponse.headers.get('retry-after')).not.toBeNull();
      expect(await jsonResponse.json()).toMatchObject({ code: 'GW_ERR_SHUTTING_DOWN' });

      const soapResponse = await soap;
      expect(soapResponse.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(ipsFaultOf(await soapResponse.text())).toMatchObject({ code: 30000 });

      await closed;
      // The grace was waited for, and the close did not hang on the upstream.
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  describe('when a request finishes within the grace period', () => {
    it('lets it finish with its own answer', async () => {
      stack.scene7.inject({ kind: 'delay', ms: 200 });
      const json = fetch(
        `${stack.gateway.url}/v1/job-logs?source=scene7-test&assetHandle=a%7C732%7C1%7C535`,
        {
          headers: { authorization: `Bearer ${API_KEY}` },
        },
      );
      await untilRecorded(stack.scene7.requests, 1);
      const closed = stack.gateway.close(3000);
      const response = await json;
      expect(response.status).toBe(200);
      expect(response.headers.get('connection')).toBe('close');
      await closed;
    });
  });
});
