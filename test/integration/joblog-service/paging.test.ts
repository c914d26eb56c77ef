/**
 * listJobLogs pages through the next cursors as GET /v1/job-logs does: every record of every
 * source once, newest first, in the JSON API's order, over both SOAP versions (node-soap).
 */
import * as soap from 'soap';
import { startServiceStack, type ServiceStack } from './stack';

let stack: ServiceStack;

beforeAll(async () => {
  stack = await startServiceStack();
});
afterAll(() => stack.close());

const LIMIT = 250;
jest.setTimeout(30_000);

async function jsonIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const suffix = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await stack.getJson(`/v1/job-logs?${query}${suffix}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: Array<{ id: string }>; next?: string };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next;
  } while (cursor !== undefined);
  return ids;
}

describe.each(['1.1', '1.2'] as const)('listJobLogs over SOAP %s', (version) => {
  it('reads every record once through the next cursors, as the JSON API pages them', async () => {
    const client = await soap.createClientAsync(
      stack.wsdlUrl,
      version === '1.2' ? { forceSoap12Headers: true } : {},
    );
    client.setSecurity(new soap.BasicAuthSecurity(stack.demo.soapUser, stack.demo.soapPassword));
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const [page] = (await client.listJobLogsAsync({
        limit: LIMIT,
        ...(cursor === undefined ? {} : { cursor }),
      })) as [{ jobLog?: Array<{ id: string }> | { id: string }; next?: string; error?: unknown }];
      expect(page.error).toBeUndefined();
      const records = page.jobLog === undefined ? [] : [page.jobLog].flat();
      ids.push(...records.map((record) => record.id));
      cursor = page.next;
      pages += 1;
    } while (cursor !== undefined && pages < 200);
    expect(cursor).toBeUndefined();
    expect(pages).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(await jsonIds(`limit=${LIMIT}`));
    const all = await jsonIds('limit=1000');
    expect([...ids].sort()).toEqual([...all].sort());
    const sources = new Set(ids.map((id) => id.slice(0, id.indexOf('.'))));
    expect(sources).toEqual(new Set(['scene7-demo', 'bc-demo', 'losant-demo']));
  });
});
