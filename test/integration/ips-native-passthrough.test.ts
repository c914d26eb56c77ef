/**
 * The IPS facade answers from native pass-through: what IPS sent reaches the IPS caller as IPS
 * sent it, checked against the IPS schema only. A record that is valid IPS but that unified
 * normalization rejects (here: a jobHandle whose unified id would exceed the id's maxLength)
 * still reaches an IPS caller, while a JSON caller sees it reported under `invalid`.
 */
import { parseXml, type XmlElement } from '../../src/codec/xml-tree';
import { textOf } from '../../src/soap/fault';
import {
  API_KEY,
  SOAP_PASSWORD,
  SOAP_USER,
  getJson,
  startStack,
  type TestStack,
} from '../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, ipsNs, postSoap } from '../helpers/soap';

const COMPANY = 'c|6';
const ASSET = 'a|732|1|535';
// 500 three-byte characters: valid for IPS (jobHandle maxLength 512), but the unified id that
// encodes it is over 2048 characters, so the normalized record fails the unified schema.
const LONG_HANDLE = `j|${'€'.repeat(500)}`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

function upstreamAnswer(apiVersion: string): string {
  const record = (jobHandle: string, logDate: string): string =>
    `<items><jobHandle>${jobHandle}</jobHandle><jobName>Upload_${logDate.slice(0, 10)}</jobName>` +
    `<logMessage>File updated</logMessage><logType>FileUpdated</logType>` +
    `<submitUserEmail>ips-api@example.com</submitUserEmail><logDate>${logDate}</logDate></items>`;
  return envelope({
    body:
      `<getAssetJobLogsReturn xmlns="${ipsNs(apiVersion)}"><jobLogArray>` +
      record(LONG_HANDLE, '2026-03-02T09:15:00.000-08:00') +
      record('j|ok-1', '2026-03-01T09:15:00.000-08:00') +
      '</jobLogArray></getAssetJobLogsReturn>',
  });
}

function injectAnswer(): void {
  const source = stack.config.sources[0] as { apiVersion: string };
  stack.scene7.inject({
    kind: 'http-error',
    status: 200,
    contentType: 'text/xml; charset=utf-8',
    body: upstreamAnswer(source.apiVersion),
  });
}

function jobHandles(xml: string): string[] {
  const handles: string[] = [];
  const walk = (element: XmlElement): void => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.local === 'jobHandle') handles.push(textOf(child));
      else walk(child);
    }
  };
  walk(parseXml(xml));
  return handles;
}

describe('POST /scene7/services/IpsApiService getAssetJobLogs', () => {
  describe('when IPS sends a record that is valid IPS but fails unified normalization', () => {
    it('answers the IPS caller with that record, exactly as IPS sent it', async () => {
      injectAnswer();
      const response = await postSoap(
        `${stack.gateway.url}/scene7/services/IpsApiService`,
        envelope({
          header: authHeader(SOAP_USER, SOAP_PASSWORD),
          body: assetJobLogsParam(COMPANY, ASSET),
        }),
      );
      expect(response.status).toBe(200);
      expect(jobHandles(await response.text())).toEqual([LONG_HANDLE, 'j|ok-1']);
    });

    it('reports it under `invalid` to a JSON caller, who gets the rest', async () => {
      injectAnswer();
      const response = await getJson(
        stack,
        `/v1/job-logs?assetHandle=${encodeURIComponent(ASSET)}`,
        API_KEY,
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        items: Array<{ job: { id: string } }>;
        invalid: Array<{ source: string; count: number; records: Array<{ pointer: string }> }>;
      };
      expect(body.items.map((item) => item.job.id)).toEqual(['j|ok-1']);
      expect(body.invalid).toEqual([expect.objectContaining({ source: 'scene7-test', count: 1 })]);
      expect(body.invalid[0]?.records[0]?.pointer).toBe('/id');
    });
  });
});
