/**
 * POST /scene7/services/IpsApiService through Python's zeep (Debian python3-zeep), an independent
 * SOAP stack: ips_zeep_client.py loads the gateway's IPS WSDLs and calls every operation of the
 * IPS job-log family on both ports (SOAP 1.1 and 1.2) with IPS's authHeader, then reads an
 * authenticationFault; what zeep read is compared with the JSON API and the emulator's seed.
 */
import { join } from 'node:path';
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../../helpers/gateway';
import { IPS_COMMON_NS, SOAP11_NS, SOAP12_NS } from '../../helpers/soap';
import { runZeepScript } from '../../helpers/system-tools';
import {
  APP,
  ASSET,
  COMPANY,
  comparable,
  DATED_NS,
  inLogOrder,
  ipsExpectations,
  ipsWsdlUrls,
  JOB,
  LOCALE,
  NUM_ROWS,
} from './expected';

jest.setTimeout(60_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const OPERATIONS = [
  'getAssetJobLogs',
  'getJobLogs',
  'getJobLogDetails',
  'getAssetArchivedJobLogs',
] as const;

/** What ips_zeep_client.py printed for one port. */
type ZeepPort = Record<(typeof OPERATIONS)[number], unknown> & {
  /** Per operation: the envelope namespace zeep sent, and the one of the answer it read. */
  envelopes: Record<string, [string, string]>;
  /** The operations the port's binding has in the endpoint's WSDL and in the dated one. */
  operations: { wsdl: string[]; datedWsdl: string[] };
  fault: {
    code: string;
    message: string;
    kind: string;
    namespace: string;
    detail: { code: number; reason: string };
  } | null;
};

describe('POST /scene7/services/IpsApiService with a zeep client', () => {
  it('calls every operation over SOAP 1.1 and 1.2 with an authHeader, as the JSON API and the emulator answer', async () => {
    const expected = await ipsExpectations(stack);
    const { wsdl, datedWsdl } = ipsWsdlUrls(stack);
    const params = {
      companyHandle: COMPANY,
      assetHandle: ASSET,
      jobHandle: JOB,
      numRows: NUM_ROWS,
      locale: LOCALE,
      ...APP,
      datedNamespace: DATED_NS,
    };
    const result = await runZeepScript<Record<string, ZeepPort>>(
      join(__dirname, 'ips_zeep_client.py'),
      [wsdl, datedWsdl, SOAP_USER, SOAP_PASSWORD, JSON.stringify(params)],
    );

    expect(Object.keys(result)).toEqual(['IpsApiSoap11Port', 'IpsApiSoap12Port']);
    const envelopeOf = { IpsApiSoap11Port: SOAP11_NS, IpsApiSoap12Port: SOAP12_NS };
    for (const [port, answers] of Object.entries(result)) {
      const envelope = envelopeOf[port as keyof typeof envelopeOf];
      expect(answers.envelopes).toEqual(
        Object.fromEntries(OPERATIONS.map((operation) => [operation, [envelope, envelope]])),
      );
      expect(answers.operations).toEqual({
        wsdl: ['getAssetJobLogs', 'getJobLogDetails', 'getJobLogs'],
        datedWsdl: ['getAssetArchivedJobLogs', 'getAssetJobLogs', 'getJobLogDetails', 'getJobLogs'],
      });
      expect(inLogOrder(answers.getAssetJobLogs)).toEqual(expected.assetJobLogs);
      expect(comparable(answers.getJobLogs)).toEqual(expected.jobLogs);
      expect(comparable(answers.getJobLogDetails)).toEqual(expected.jobLogDetails);
      expect(inLogOrder(answers.getAssetArchivedJobLogs)).toEqual(expected.archivedAssetJobLogs);
      expect(answers.fault).toMatchObject({
        message: 'AuthenticationException',
        kind: 'authenticationFault',
        namespace: IPS_COMMON_NS,
        detail: { code: 10001 },
      });
    }
    expect(result.IpsApiSoap11Port!.fault!.code).toMatch(/:Client$/);
    expect(result.IpsApiSoap12Port!.fault!.code).toMatch(/:Sender$/);
  });
});
