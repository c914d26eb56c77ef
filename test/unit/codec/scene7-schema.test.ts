import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { compileCodec, parseXml, type XmlElement } from '../../../src/codec';

// The published IPS schema (restated from the IPS API reference, see shared/reference/scene7-ips.md).
const schema = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'scene7-ips.schema.json'), 'utf8'),
) as { $id: string };
const byId = new Map<string, object>([[schema.$id, schema]]);
const resolve = (uri: string): object | undefined => byId.get(uri);
const IPS_2008 = 'http://www.scene7.com/IpsApi/xsd/2008-01-15';
const IPS_2014 = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

// Shaped like the getAssetJobLogs response example of the IPS docs (2008-01-15 namespace),
// with an auxArray added as the 2010+ schema allows.
const response = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>
  <getAssetJobLogsReturn xmlns="${IPS_2008}">
    <jobLogArray>
      <items>
        <jobName>Add_2007-10-24-16:11:07</jobName>
        <jobHandle>j|6||Add_2007-10-24-16:11:07</jobHandle>
        <logMessage>ApiTestCo/blakexslttest.jpg was processed into IPS</logMessage>
        <logType>UploadSuccess</logType>
        <submitUserEmail>user@example.com</submitUserEmail>
        <logDate>2007-10-24T16:12:32.297-07:00</logDate>
        <auxArray>
          <items><logMessage>Upload warning &amp; retry</logMessage><logType>IPSJobLog.gcUploadWarning</logType></items>
          <items><logMessage>00123</logMessage><logType>IPSJobLog.gcUploadError</logType><dateCreated>2007-10-24T16:12:33Z</dateCreated></items>
        </auxArray>
      </items>
    </jobLogArray>
  </getAssetJobLogsReturn>
</soapenv:Body></soapenv:Envelope>`;

function bodyChild(envelope: XmlElement): XmlElement {
  const elements = (e: XmlElement): XmlElement[] =>
    e.children.filter((n): n is XmlElement => typeof n !== 'string');
  const body = elements(envelope).find((e) => e.local === 'Body');
  const [child] = body === undefined ? [] : elements(body);
  if (child === undefined) throw new Error('no body element');
  return child;
}

describe('codec on schemas/scene7-ips.schema.json', () => {
  const codec = compileCodec({ $ref: `${schema.$id}#/$defs/GetAssetJobLogsReturn` }, { resolve });

  describe('when decoding a getAssetJobLogsReturn with one <items>', () => {
    const decoded = codec.decode(bodyChild(parseXml(response)), { namespace: IPS_2008 }) as {
      jobLogArray: Record<string, unknown>[];
    };

    it('returns an array of one record with every field a string and an auxArray of two', () => {
      expect(decoded).toEqual({
        jobLogArray: [
          {
            jobHandle: 'j|6||Add_2007-10-24-16:11:07',
            jobName: 'Add_2007-10-24-16:11:07',
            logMessage: 'ApiTestCo/blakexslttest.jpg was processed into IPS',
            logType: 'UploadSuccess',
            submitUserEmail: 'user@example.com',
            logDate: '2007-10-24T16:12:32.297-07:00',
            auxArray: [
              { logMessage: 'Upload warning & retry', logType: 'IPSJobLog.gcUploadWarning' },
              {
                logMessage: '00123',
                logType: 'IPSJobLog.gcUploadError',
                dateCreated: '2007-10-24T16:12:33Z',
              },
            ],
          },
        ],
      });
    });

    it('produces records that ajv accepts against AssetJobLog', () => {
      const ajv = new Ajv2020({ strict: true });
      ajv.addKeyword({ keyword: 'xml' });
      ajv.addSchema(schema);
      const validate = ajv.getSchema(`${schema.$id}#/$defs/AssetJobLog`);
      expect(validate?.(decoded.jobLogArray[0])).toBe(true);
    });

    it('encodes it back in the caller namespace 2014-04-03 in schema element order', () => {
      const xml = codec.encode(decoded, { namespace: IPS_2014 });
      expect(
        xml.startsWith(`<getAssetJobLogsReturn xmlns="${IPS_2014}"><jobLogArray><items>`),
      ).toBe(true);
      const item = parseXml(xml).children[0] as XmlElement;
      const record = item.children[0] as XmlElement;
      expect(record.ns).toBe(IPS_2014);
      expect(record.children.map((n) => (typeof n === 'string' ? '#text' : n.local))).toEqual([
        'jobHandle',
        'jobName',
        'logMessage',
        'logType',
        'submitUserEmail',
        'logDate',
        'auxArray',
      ]);
      expect(codec.decode(parseXml(xml), { namespace: IPS_2014 })).toEqual(decoded);
    });
  });

  describe('when the answer has no logs', () => {
    it('maps <jobLogArray/> to [] and back', () => {
      const empty = `<getAssetJobLogsReturn xmlns="${IPS_2008}"><jobLogArray/></getAssetJobLogsReturn>`;
      expect(codec.decode(parseXml(empty), { namespace: IPS_2008 })).toEqual({ jobLogArray: [] });
      expect(codec.encode({ jobLogArray: [] }, { namespace: IPS_2008 })).toBe(empty);
    });
  });

  describe('when the answer is in another dated namespace than expected', () => {
    it('refuses it', () => {
      const xml = `<getAssetJobLogsReturn xmlns="${IPS_2014}"><jobLogArray/></getAssetJobLogsReturn>`;
      expect(() => codec.decode(parseXml(xml), { namespace: IPS_2008 })).toThrow(
        'unexpected namespace',
      );
    });
  });

  describe('when encoding the unversioned authHeader', () => {
    it('writes its fixed namespace and types booleans and integers', () => {
      const auth = compileCodec({ $ref: `${schema.$id}#/$defs/AuthHeader` }, { resolve });
      expect(
        auth.encode({
          user: 'u@example.com',
          password: 'p<&>',
          gzipResponse: false,
          faultHttpStatusCode: 200,
        }),
      ).toBe(
        '<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>u@example.com</user><password>p&lt;&amp;&gt;</password>' +
          '<gzipResponse>false</gzipResponse><faultHttpStatusCode>200</faultHttpStatusCode></authHeader>',
      );
    });
  });
});
