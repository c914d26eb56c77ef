/**
 * POST /soap/JobLogService through Python's zeep (Debian python3-zeep), an independent SOAP
 * stack: zeep_client.py loads the WSDL and calls every operation over both bindings with a
 * WS-Security UsernameToken; what zeep read is compared with the JSON API.
 */
import { join } from 'node:path';
import { runZeepScript } from '../../helpers/system-tools';
import { startServiceStack, type ServiceStack } from './stack';

jest.setTimeout(60_000);

let stack: ServiceStack;

beforeAll(async () => {
  stack = await startServiceStack();
});
afterAll(() => stack.close());

interface ZeepBinding {
  envelope: string;
  sources: Array<{ id: string; type: string }>;
  pages: Array<{ ids: string[]; next: string | null; count: number }>;
  firstRaw: string | null;
  record: { id: string; status: string; source: unknown; time: string | null; raw: string };
  fault: { code: string; problem: Record<string, string> | null } | null;
}

/** Runs the zeep client (asynchronously: the gateway answers it from this process). */
function runZeep(args: readonly string[]): Promise<Record<string, ZeepBinding>> {
  return runZeepScript(join(__dirname, 'zeep_client.py'), args);
}

interface JsonPage {
  items: Array<{ id: string; status: string; source: unknown; time: string | null; raw: unknown }>;
  next?: string;
}

describe('POST /soap/JobLogService with a zeep client', () => {
  it('calls every operation over SOAP 1.1 and 1.2 with a UsernameToken, as the JSON API answers', async () => {
    const json = async (path: string): Promise<JsonPage> =>
      (await (await stack.getJson(path)).json()) as JsonPage;
    const first = await json('/v1/job-logs?status=failed,warning&limit=3');
    const second = await json(
      `/v1/job-logs?status=failed,warning&limit=3&cursor=${encodeURIComponent(first.next!)}`,
    );
    const listed = (await json('/v1/job-logs?source=scene7-demo&limit=1')).items[0]!;
    const scene7 = (await (
      await stack.getJson(`/v1/job-logs/${encodeURIComponent(listed.id)}`)
    ).json()) as JsonPage['items'][number];
    const result = await runZeep([
      stack.wsdlUrl,
      stack.demo.soapUser,
      stack.demo.soapPassword,
      scene7.id,
    ]);

    expect(Object.keys(result)).toEqual(['JobLogServiceSoap11', 'JobLogServiceSoap12']);
    expect(result.JobLogServiceSoap11!.envelope).toBe('http://schemas.xmlsoap.org/soap/envelope/');
    expect(result.JobLogServiceSoap12!.envelope).toBe('http://www.w3.org/2003/05/soap-envelope');
    for (const binding of Object.values(result)) {
      expect(binding.sources).toEqual([
        { id: 'scene7-demo', type: 'scene7' },
        { id: 'bc-demo', type: 'business-central' },
        { id: 'losant-demo', type: 'losant' },
      ]);
      expect(binding.pages.map((page) => page.ids)).toEqual(
        [first, second].map((page) => page.items.map((item) => item.id)),
      );
      expect(binding.pages[0]!.count).toBe(first.items.length);
      expect(JSON.parse(binding.firstRaw!)).toEqual(first.items[0]!.raw);
      expect(binding.record).toMatchObject({
        id: scene7.id,
        status: scene7.status,
        source: scene7.source,
      });
      // zeep reads xs:dateTime as a datetime; the instant is the JSON API's.
      expect(Date.parse(binding.record.time!)).toBe(Date.parse(scene7.time!));
      expect(JSON.parse(binding.record.raw)).toEqual(scene7.raw);
      expect(binding.fault?.problem).toMatchObject({
        code: 'GW_ERR_BAD_CREDENTIALS',
        status: '401',
      });
    }
    expect(result.JobLogServiceSoap11!.fault!.code).toMatch(/Client$/);
    expect(result.JobLogServiceSoap12!.fault!.code).toMatch(/Sender$/);
  });
});
