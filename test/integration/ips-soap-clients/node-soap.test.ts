/**
 * POST /scene7/services/IpsApiService through node-soap (the `soap` package), an independent SOAP
 * stack, over SOAP 1.1 and 1.2 (`forceSoap12Headers`): it loads the gateway's WSDLs and calls
 * every operation of the IPS job-log family with IPS's authHeader; each answer holds the records
 * the JSON API (or, for archived entries, the Scene7 emulator's seed) holds.
 */
import * as soap from 'soap';
import { parseXml, type XmlElement, type XmlNode } from '../../../src/codec/xml-tree';
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../../helpers/gateway';
import { IPS_COMMON_NS, SOAP11_NS, SOAP12_NS } from '../../helpers/soap';
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
  type IpsExpectations,
} from './expected';

let stack: TestStack;
let expected: IpsExpectations;

beforeAll(async () => {
  stack = await startStack();
  expected = await ipsExpectations(stack);
});
afterAll(() => stack.close());

type SoapVersion = '1.1' | '1.2';

interface Returned {
  jobLogArray?: unknown;
}

/**
 * A node-soap client of one of the gateway's IPS WSDLs speaking `version`, with the authHeader
 * in the unversioned namespace (the 2014-04-03 WSDL) or the WSDL's dated one.
 */
async function ipsClient(
  wsdl: string,
  version: SoapVersion,
  namespace = IPS_COMMON_NS,
): Promise<soap.Client> {
  const client = await soap.createClientAsync(
    wsdl,
    version === '1.2' ? { forceSoap12Headers: true } : {},
  );
  const authHeader = {
    user: SOAP_USER,
    password: SOAP_PASSWORD,
    locale: LOCALE,
    ...APP,
  };
  client.addSoapHeader({ authHeader }, '', 'auth', namespace);
  return client;
}

/** The client spoke `version` and the gateway answered in it. */
function expectSpoken(client: soap.Client, version: SoapVersion): void {
  expect(client.lastRequest).toContain(version === '1.1' ? SOAP11_NS : SOAP12_NS);
  const headers = client.lastResponseHeaders as Record<string, unknown> | undefined;
  expect(String(headers?.['content-type'])).toMatch(
    version === '1.1' ? /^text\/xml/ : /^application\/soap\+xml/,
  );
}

/** The name and namespace of a SOAP message's body element. */
function bodyElementOf(xml: string): { local: string; ns: string } | undefined {
  const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';
  const body = parseXml(xml)
    .children.filter(isElement)
    .find((child) => child.local === 'Body');
  const element = body?.children.find(isElement);
  return element === undefined ? undefined : { local: element.local, ns: element.ns };
}

/** The operations a WSDL's two ports offer, as node-soap read them. */
function operationsByPort(client: soap.Client): Record<string, string[]> {
  const ports = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
  return Object.fromEntries(
    Object.values(ports).flatMap((port) =>
      Object.entries(port).map(([name, operations]) => [name, Object.keys(operations).sort()]),
    ),
  );
}

describe.each(['1.1', '1.2'] as const)(
  'POST /scene7/services/IpsApiService with a node-soap client over SOAP %s',
  (version) => {
    it('getAssetJobLogs answers every entry GET /v1/job-logs?assetHandle= lists for the asset', async () => {
      const client = await ipsClient(ipsWsdlUrls(stack).wsdl, version);
      const [result] = (await client.getAssetJobLogsAsync({
        companyHandle: COMPANY,
        assetHandle: ASSET,
      })) as [Returned];
      expectSpoken(client, version);
      expect(expected.assetJobLogs).toHaveLength(4);
      expect(inLogOrder(result.jobLogArray)).toEqual(expected.assetJobLogs);
    });

    it('getJobLogs by StartDate descending answers every job GET /v1/job-logs lists, in its order', async () => {
      const client = await ipsClient(ipsWsdlUrls(stack).wsdl, version);
      const [result] = (await client.getJobLogsAsync({
        companyHandle: COMPANY,
        sortBy: 'StartDate',
        sortDirection: 'Descending',
        numRows: NUM_ROWS,
      })) as [Returned];
      expectSpoken(client, version);
      expect(expected.jobLogs.length).toBeGreaterThan(100);
      expect(comparable(result.jobLogArray)).toEqual(expected.jobLogs);
    });

    it('getJobLogDetails answers the job and every detail line GET /v1/job-logs/{id} holds', async () => {
      const client = await ipsClient(ipsWsdlUrls(stack).wsdl, version);
      const [result] = (await client.getJobLogDetailsAsync({
        companyHandle: COMPANY,
        jobHandle: JOB,
      })) as [Returned];
      expectSpoken(client, version);
      const jobs = comparable(result.jobLogArray) as Array<{ detailArray?: unknown[] }>;
      expect(jobs[0]?.detailArray).toHaveLength(8);
      expect(jobs).toEqual(expected.jobLogDetails);
    });

    it('getAssetArchivedJobLogs, from the 2021-01-11-beta WSDL, answers the archived entries the emulator holds', async () => {
      const { wsdl, datedWsdl } = ipsWsdlUrls(stack);
      const client = await ipsClient(datedWsdl, version, DATED_NS);
      // Only the dated WSDL offers it: the endpoint's own (2014-04-03) has no such operation.
      expect(operationsByPort(client)).toEqual({
        IpsApiSoap11Port: [
          'getAssetArchivedJobLogs',
          'getAssetJobLogs',
          'getJobLogDetails',
          'getJobLogs',
        ],
        IpsApiSoap12Port: [
          'getAssetArchivedJobLogs',
          'getAssetJobLogs',
          'getJobLogDetails',
          'getJobLogs',
        ],
      });
      expect(Object.values(operationsByPort(await ipsClient(wsdl, version)))).toEqual([
        ['getAssetJobLogs', 'getJobLogDetails', 'getJobLogs'],
        ['getAssetJobLogs', 'getJobLogDetails', 'getJobLogs'],
      ]);
      const [result] = (await client.getAssetArchivedJobLogsAsync({
        companyHandle: COMPANY,
        assetHandle: ASSET,
      })) as [Returned];
      expectSpoken(client, version);
      expect(bodyElementOf(String(client.lastRequest))).toEqual({
        local: 'getAssetArchivedJobLogsParam',
        ns: DATED_NS,
      });
      expect(bodyElementOf(String(client.lastResponse))).toEqual({
        local: 'getAssetArchivedJobLogsReturn',
        ns: DATED_NS,
      });
      expect(expected.archivedAssetJobLogs).toHaveLength(2);
      expect(inLogOrder(result.jobLogArray)).toEqual(expected.archivedAssetJobLogs);
    });
  },
);
