/**
 * Metrics and logs of the IPS endpoint are labelled by SOAP operation, for every operation of the
 * IPS job-log family: the access-log line carries `operation`, and the request counter of
 * /metrics has an `operation` label with its name.
 */
import type { IpsOperationName } from '../../src/protocols/ips/codecs';
import { SOAP_PASSWORD, SOAP_USER } from '../helpers/gateway';
import {
  assetJobLogsParam,
  authHeader,
  envelope,
  jobLogDetailsParam,
  postSoap,
} from '../helpers/soap';
import { startIpsStack, type IpsStack, type LogLine } from './ips-hardening/stack';

let stack: IpsStack;

beforeAll(async () => {
  stack = await startIpsStack();
});
afterAll(() => stack.close());

const archived = assetJobLogsParam('c|6', 'a|732|1|535', '2021-01-11-beta').replace(
  /getAssetJobLogsParam/g,
  'getAssetArchivedJobLogsParam',
);

const CALLS: ReadonlyArray<readonly [IpsOperationName, string]> = [
  ['getAssetJobLogs', assetJobLogsParam('c|6', 'a|732|1|535')],
  [
    'getJobLogs',
    `<getJobLogsParam xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><numRows>2</numRows></getJobLogsParam>`,
  ],
  [
    'getJobLogDetails',
    jobLogDetailsParam({ companyHandle: 'c|6', jobHandle: 'j|6||Add_2026-02-03-09:41:52' }),
  ],
  ['getAssetArchivedJobLogs', archived],
];

/** The access-log line of the answer to `requestId`, once the response has finished. */
async function accessLine(requestId: string): Promise<LogLine> {
  for (let i = 0; i < 50; i += 1) {
    const line = stack.lines.find((entry) => entry.reqId === requestId && entry.res !== undefined);
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access-log line for ${requestId}`);
}

describe('POST /scene7/services/IpsApiService', () => {
  it.each(CALLS)(
    'labels the log line and the metrics of %s with the operation',
    async (operation, body) => {
      const requestId = `labels-${operation}`;
      const response = await postSoap(
        stack.endpoint,
        envelope({ header: authHeader(SOAP_USER, SOAP_PASSWORD), body }),
        { action: operation, headers: { 'x-request-id': requestId } },
      );
      expect(response.status).toBe(200);
      await response.text();
      expect(await accessLine(requestId)).toMatchObject({ operation });
      const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
      expect(metrics).toMatch(
        new RegExp(
          `joblog_gateway_http_requests_total\\{[^}]*operation="${operation}"[^}]*\\} [1-9]`,
        ),
      );
    },
  );

  it('leaves the operation label empty for an operation the namespace does not have', async () => {
    const requestId = 'labels-archived-in-2014';
    const body = archived.replace('2021-01-11-beta', '2014-04-03');
    const response = await postSoap(
      stack.endpoint,
      envelope({ header: authHeader(SOAP_USER, SOAP_PASSWORD), body }),
      { action: 'getAssetArchivedJobLogs', headers: { 'x-request-id': requestId } },
    );
    expect(response.status).toBe(500);
    await response.text();
    expect((await accessLine(requestId)).operation).toBeUndefined();
  });
});
