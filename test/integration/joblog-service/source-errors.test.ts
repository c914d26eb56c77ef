/**
 * listJobLogs when one source fails: the other sources' records still come, and the failed one
 * is named under `error` with its problem, as GET /v1/job-logs lists it under `errors`.
 */
import * as soap from 'soap';
import { startServiceStack, type ServiceStack } from './stack';

let stack: ServiceStack;

beforeAll(async () => {
  // Losant refuses the gateway's token: the caller is not at fault, Losant's records are missing.
  stack = await startServiceStack({ 'losant-demo': { token: 'not-the-gateway-token' } });
});
afterAll(() => stack.close());

interface Problem {
  code: string;
  source: string;
  status: number;
  title: string;
}

describe.each(['1.1', '1.2'] as const)('listJobLogs over SOAP %s when Losant fails', (version) => {
  it('answers the other sources and names losant-demo under error, as the JSON API does', async () => {
    const client = await soap.createClientAsync(
      stack.wsdlUrl,
      version === '1.2' ? { forceSoap12Headers: true } : {},
    );
    client.setSecurity(
      new soap.WSSecurity(stack.demo.soapUser, stack.demo.soapPassword, {
        passwordType: 'PasswordText',
      }),
    );
    const [result] = (await client.listJobLogsAsync({ limit: 20 })) as [
      { jobLog?: Array<{ id: string }>; error?: Problem | Problem[] },
    ];
    const json = (await (await stack.getJson('/v1/job-logs?limit=20')).json()) as {
      items: Array<{ id: string }>;
      errors: Problem[];
    };
    expect(json.errors.map((problem) => problem.source)).toEqual(['losant-demo']);
    const errors = [result.error ?? []].flat();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      source: 'losant-demo',
      code: json.errors[0]!.code,
      status: json.errors[0]!.status,
      title: json.errors[0]!.title,
    });
    const ids = (result.jobLog ?? []).map((record) => record.id);
    expect(ids).toEqual(json.items.map((item) => item.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.some((id) => id.startsWith('losant-demo.'))).toBe(false);
  });
});
