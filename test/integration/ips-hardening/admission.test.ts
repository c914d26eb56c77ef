/**
 * POST /scene7/services/IpsApiService lets a caller in through the server's admission once the
 * credentials are checked: a SOAP user's rate limit (auth.soapUsers[].rateLimit) and source
 * scope (auth.soapUsers[].sources) apply, before the Body is parsed when the head showed the
 * credentials. The request's SOAP operation is named on it for logs and metrics.
 */
import { SOAP_PASSWORD, SOAP_USER } from '../../helpers/gateway';
import {
  assetJobLogsParam,
  authHeader,
  envelope,
  IPS_COMMON_NS,
  ipsFaultOf,
  ipsNs,
  postSoap,
} from '../../helpers/soap';
import { startIpsStack, type IpsStack } from './stack';

const LIMITED = { user: 'limited@example.com', password: 'limited-password' };
const ELSEWHERE = { user: 'bc-only@example.com', password: 'bc-only-password' };

let stack: IpsStack;

beforeAll(async () => {
  stack = await startIpsStack({
    soapUsers: [
      { user: SOAP_USER, password: SOAP_PASSWORD },
      { ...LIMITED, rateLimit: { requests: 2, perSeconds: 60 } },
      { ...ELSEWHERE, sources: ['bc-prod'] },
    ],
  });
});
afterAll(() => stack.close());

const call = (
  user: { user: string; password: string },
  body = assetJobLogsParam('c|6', 'a|732|1|536'),
) => postSoap(stack.endpoint, envelope({ header: authHeader(user.user, user.password), body }));

describe('POST /scene7/services/IpsApiService and admission', () => {
  it('answers a SOAP user over their rate limit with 429, Retry-After and ipsApiFault 30000, before parsing the Body', async () => {
    expect((await call(LIMITED)).status).toBe(200);
    expect((await call(LIMITED)).status).toBe(200);
    // Not well-formed: parsed, it would be a 30003.
    const refused = await call(LIMITED, `<getAssetJobLogsParam xmlns="${ipsNs()}"><unclosed>`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ipsFaultOf(await refused.text())).toMatchObject({ kind: 'ipsApiFault', code: 30000 });
    // Other users have their own budgets.
    expect((await call({ user: SOAP_USER, password: SOAP_PASSWORD })).status).toBe(200);
  });

  it('honours faultHttpStatusCode on a refusal for rate', async () => {
    const header = authHeader(
      LIMITED.user,
      LIMITED.password,
      '<faultHttpStatusCode>200</faultHttpStatusCode>',
    );
    const refused = await postSoap(
      stack.endpoint,
      envelope({ header, body: assetJobLogsParam('c|6', 'a|732|1|536') }),
    );
    expect(refused.status).toBe(200);
    expect(ipsFaultOf(await refused.text())).toMatchObject({ code: 30000 });
  });

  it('answers a SOAP user whose scope leaves out the scene7 source with an authorizationFault', async () => {
    stack.scene7.clearRequests();
    const refused = await call(ELSEWHERE);
    expect(refused.status).toBe(500);
    expect(ipsFaultOf(await refused.text())).toMatchObject({
      kind: 'authorizationFault',
      namespace: IPS_COMMON_NS,
    });
    expect(stack.scene7.requests).toEqual([]);
  });

  it('names the SOAP operation in the request metrics', async () => {
    expect((await call({ user: SOAP_USER, password: SOAP_PASSWORD })).status).toBe(200);
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(
      /joblog_gateway_http_requests_total\{[^}]*operation="getAssetJobLogs"[^}]*\} [1-9]/,
    );
  });
});
