/**
 * Regression: "The IPS endpoint answered getAssetJobLogs newest first, though IPS sends an
 * asset's entries oldest first and the README says the answer keeps the upstream's order." The
 * native read handed the IPS facade the listing's page in the listing's order (time, newest
 * first). It now hands over the same records in the order the upstream sent them.
 */
import type { GetAssetJobLogsReturn } from '../../src/schemas/types/scene7-ips';
import {
  SOAP_PASSWORD,
  SOAP_USER,
  UPSTREAM_PASSWORD,
  UPSTREAM_USER,
  startStack,
  type TestStack,
} from '../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, ipsReturnOf, postSoap } from '../helpers/soap';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function entries(url: string, user: string, password: string): Promise<string[]> {
  const response = await postSoap(
    url,
    envelope({ header: authHeader(user, password), body: assetJobLogsParam('c|6', 'a|732|1|535') }),
  );
  const { jobLogArray } = ipsReturnOf<GetAssetJobLogsReturn>(
    await response.text(),
    'getAssetJobLogs',
  );
  return jobLogArray.map((entry) => `${entry.logDate} ${entry.logType}`);
}

describe('POST /scene7/services/IpsApiService getAssetJobLogs', () => {
  it("answers the asset's entries in the order IPS sent them", async () => {
    const sent = await entries(stack.scene7.serviceUrl, UPSTREAM_USER, UPSTREAM_PASSWORD);
    expect(sent).toHaveLength(4);
    // The emulator sends them oldest first, as Adobe's example lists them.
    expect([...sent].sort()).toEqual(sent);
    const answered = await entries(
      `${stack.gateway.url}/scene7/services/IpsApiService`,
      SOAP_USER,
      SOAP_PASSWORD,
    );
    expect(answered).toEqual(sent);
  });
});
