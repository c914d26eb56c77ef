/**
 * The WSDL's XSD and the codec agree: the records GET /v1/job-logs returns for the three demo
 * emulators, encoded by JobLogService's codec, validate against the XSD the gateway serves in
 * its WSDL, with libxml2's validator (xmllint --schema); so do the service's own answers on the
 * wire. A record that breaks the unified schema is refused by xmllint, so this test can fail.
 * The XML decodes back to the very records, raw included (lossless).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXml } from '../../../src/codec';
import type { UnifiedJobLog } from '../../../src/contract';
import {
  jobLogServiceCodecs,
  jobLogServiceSchemas,
  type JobLogServiceCodecs,
} from '../../../src/facades/joblog-service/messages';
import { toXmlJobLog } from '../../../src/facades/joblog-service/records';
import { createSchemaRegistry } from '../../../src/schemas/registry';
import { envelope, postSoap } from '../../helpers/soap';
import { operation, SERVICE_NS, startServiceStack, wsSecurity, type ServiceStack } from './stack';
import { xmllintValidate, type Validation } from '../../helpers/system-tools';

jest.setTimeout(30_000);

let stack: ServiceStack;
let dir: string;
let xsdFile: string;
let codecs: JobLogServiceCodecs;
let records: UnifiedJobLog[];

beforeAll(async () => {
  stack = await startServiceStack();
  dir = mkdtempSync(join(tmpdir(), 'joblog-service-xsd-'));
  const wsdl = await (await fetch(stack.wsdlUrl)).text();
  const start = wsdl.indexOf('<xs:schema');
  const end = wsdl.indexOf('</xs:schema>') + '</xs:schema>'.length;
  expect(start).toBeGreaterThan(0);
  xsdFile = join(dir, 'JobLogService.xsd');
  writeFileSync(xsdFile, wsdl.slice(start, end));
  codecs = jobLogServiceCodecs(jobLogServiceSchemas(createSchemaRegistry()));
  records = [];
  let cursor: string | undefined;
  do {
    const suffix = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page = (await (await stack.getJson(`/v1/job-logs?limit=1000${suffix}`)).json()) as {
      items: UnifiedJobLog[];
      next?: string;
    };
    records.push(...page.items);
    cursor = page.next;
  } while (cursor !== undefined);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await stack.close();
});

let written = 0;
function validate(xml: string): Validation {
  written += 1;
  const file = join(dir, `document-${written}.xml`);
  writeFileSync(file, xml);
  return xmllintValidate(xsdFile, file);
}

function listResponse(items: readonly UnifiedJobLog[]): string {
  return codecs.messages.listJobLogsResponse.encode(
    {
      items: items.map(toXmlJobLog),
      count: items.length,
      truncated: false,
      errors: [],
      invalid: [],
    },
    { name: 'listJobLogsResponse', namespace: SERVICE_NS },
  );
}

/** The Body's element of a SOAP answer (the codec declares its namespace on it). */
function bodyElementOf(xml: string): string {
  const open = xml.indexOf('<soapenv:Body>') + '<soapenv:Body>'.length;
  return xml.slice(open, xml.lastIndexOf('</soapenv:Body>'));
}

describe("JobLogService's XSD", () => {
  it('accepts every record of the three sources as the codec encodes it', () => {
    const types = new Set(records.map((record) => record.source.type));
    expect(types).toEqual(new Set(['scene7', 'business-central', 'losant']));
    const result = validate(listResponse(records));
    expect(result.messages).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('gets the records back from that XML, raw included', () => {
    const xml = listResponse(records);
    const decoded = codecs.messages.listJobLogsResponse.decode(
      parseXml(xml, { maxBytes: 256 * 1024 * 1024 }),
      { namespace: SERVICE_NS },
    ) as { items: Array<UnifiedJobLog & { raw: string }> };
    expect(
      decoded.items.map(({ raw, ...fields }) => ({ ...fields, raw: JSON.parse(raw) })),
    ).toEqual(records);
  });

  it.each([
    [
      'a status the schema does not have',
      { status: 'exploded' },
      /v1}status': \[facet 'enumeration'\] The value 'exploded'/,
    ],
    [
      'an id of no source',
      { id: 'Not An Id' },
      /v1}id': \[facet 'pattern'\] The value 'Not An Id'/,
    ],
    [
      'a time that is no date-time',
      { time: 'yesterday' },
      /v1}time': 'yesterday' is not a valid value/,
    ],
    [
      'a source type the schema does not have',
      { source: { id: 'ftp', type: 'ftp' } },
      /v1}type': \[facet 'enumeration'\] The value 'ftp'/,
    ],
  ])('refuses a record with %s', (_, change, element) => {
    const broken = { ...records[0]!, ...change } as UnifiedJobLog;
    const result = validate(listResponse([records[1]!, broken]));
    expect(result.valid).toBe(false);
    expect(result.messages).toMatch(element);
    expect(result.messages).toMatch(/fails to validate/);
  });

  describe.each(['1.1', '1.2'] as const)(
    "accepts the service's answers over SOAP %s",
    (version) => {
      const call = async (body: string, ok = true): Promise<string> => {
        const response = await postSoap(
          stack.endpoint,
          envelope({
            version,
            header: wsSecurity(stack.demo.soapUser, stack.demo.soapPassword),
            body,
          }),
          { version, action: /<s:(\w+)/.exec(body)![1]! },
        );
        expect(response.ok).toBe(ok);
        return bodyElementOf(await response.text());
      };

      it('listJobLogs, getJobLog and listSources', async () => {
        const list = await call(operation('listJobLogs', '<s:limit>1000</s:limit>'));
        expect(list).toContain('<jobLog>');
        expect(validate(list)).toMatchObject({ valid: true });
        for (const id of [records[0]!.id, records.find((r) => r.source.type === 'scene7')!.id]) {
          const one = await call(operation('getJobLog', `<s:id>${id}</s:id>`));
          expect(validate(one)).toMatchObject({ valid: true });
        }
        expect(validate(await call(operation('listSources')))).toMatchObject({ valid: true });
      });

      it('the problem in a fault detail', async () => {
        const fault = await call(operation('listJobLogs', '<s:status>exploded</s:status>'), false);
        const detail = /<jobLogServiceFault[\s\S]*<\/jobLogServiceFault>/.exec(fault)?.[0];
        expect(detail).toBeDefined();
        expect(validate(detail!)).toMatchObject({ valid: true });
      });
    },
  );
});
