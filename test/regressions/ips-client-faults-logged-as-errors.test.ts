/**
 * Regression: "Client-caused SOAP faults are logged at error level with stack traces (581 lines
 * in one run)." IPS answers faults with HTTP 500 (its own behaviour), and the access log chose
 * its level by status, with a made-up Error and its stack for every 5xx. The level now follows
 * who is at fault (the gateway error's side), and a client's fault carries no stack trace.
 */
import { SOAP_PASSWORD, SOAP_USER } from '../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, ipsFaultOf, postSoap } from '../helpers/soap';
import { startIpsStack, type IpsStack, type LogLine } from '../integration/ips-hardening/stack';

let stack: IpsStack;
// Its own IPS credentials upstream are wrong: every call fails on the gateway's side.
let misconfigured: IpsStack;

beforeAll(async () => {
  stack = await startIpsStack();
  misconfigured = await startIpsStack({ upstreamPassword: 'rotated-upstream-password' });
});
afterAll(async () => {
  await stack.close();
  await misconfigured.close();
});

interface AccessLine extends LogLine {
  readonly res?: { readonly statusCode?: number };
  readonly err?: { readonly stack?: string; readonly code?: string };
}

/** Sends a request and returns the access-log line of its answer. */
async function accessLineOf(
  { endpoint, lines }: IpsStack,
  xml: string,
): Promise<{ line: AccessLine; code: number }> {
  const requestId = `log-test-${lines.length}-${Math.random().toString(36).slice(2)}`;
  const response = await postSoap(endpoint, xml, { headers: { 'x-request-id': requestId } });
  const code = ipsFaultOf(await response.text())?.code ?? 0;
  // The access log writes its line when the response finished; give it a moment.
  for (let i = 0; i < 50; i += 1) {
    const line: AccessLine | undefined = lines.find(
      (entry) => entry.reqId === requestId && entry.res !== undefined,
    );
    if (line !== undefined) return { line, code };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access-log line for ${requestId}`);
}

const WARN = 40;
const ERROR = 50;
const INFO = 30;

describe('the access log of POST /scene7/services/IpsApiService', () => {
  it.each([
    ['no credentials', '', assetJobLogsParam('c|6', 'a|732|1|535'), 10000],
    [
      'a wrong password',
      authHeader(SOAP_USER, 'wrong'),
      assetJobLogsParam('c|6', 'a|732|1|535'),
      10001,
    ],
    [
      'a missing parameter',
      authHeader(SOAP_USER, SOAP_PASSWORD),
      assetJobLogsParam('c|6', ''),
      30002,
    ],
    ['malformed XML', authHeader(SOAP_USER, SOAP_PASSWORD), '<x>', 30003],
  ])(
    'logs a fault for %s (HTTP 500) at warn, without a stack trace',
    async (_case, header, body, fault) => {
      const { line, code } = await accessLineOf(stack, envelope({ header, body }));
      expect(code).toBe(fault);
      expect(line.res?.statusCode).toBe(500);
      expect(line.level).toBe(WARN);
      expect(JSON.stringify(line)).not.toMatch(/\n\s+at /);
      expect(line.err?.stack).toBeUndefined();
      expect(line.err?.code).toMatch(/^GW_ERR_/);
    },
  );

  it('logs a fault the gateway caused at error, even when faultHttpStatusCode makes it 200', async () => {
    const header = authHeader(
      SOAP_USER,
      SOAP_PASSWORD,
      '<faultHttpStatusCode>200</faultHttpStatusCode>',
    );
    const { line, code } = await accessLineOf(
      misconfigured,
      envelope({ header, body: assetJobLogsParam('c|6', 'a|732|1|535') }),
    );
    expect(code).toBe(30000);
    expect(line.res?.statusCode).toBe(200);
    expect(line.level).toBe(ERROR);
  });

  it('logs a success at info', async () => {
    const { line } = await accessLineOf(
      stack,
      envelope({
        header: authHeader(SOAP_USER, SOAP_PASSWORD),
        body: assetJobLogsParam('c|6', 'a|732|1|536'),
      }),
    );
    expect(line.res?.statusCode).toBe(200);
    expect(line.level).toBe(INFO);
    // The line names the caller and the SOAP operation (the label metrics use too).
    expect(line).toMatchObject({ caller: `ips:${SOAP_USER}`, operation: 'getAssetJobLogs' });
  });
});
