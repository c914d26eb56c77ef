// Regression: the response cache (and its request coalescing, on even without a TTL) keyed a read
// by source, operation and query, not by the caller's locale. IPS localizes `logMessage` by the
// authHeader's locale, so with `cacheTtlMs` set a German caller got the English text an earlier
// caller's read had cached, and two concurrent callers with different locales shared one answer.
// The locale is now part of the key.
import { startStack, UPSTREAM_PASSWORD, UPSTREAM_USER, type TestStack } from '../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, postSoap } from '../helpers/soap';

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack({ credentialsMode: 'passthrough', scene7: { cacheTtlMs: 60_000 } });
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());
beforeEach(() => stack.scene7.clearRequests());

/** The logMessage texts of one asset's job logs, read with `locale` in the authHeader. */
async function messagesIn(locale: string): Promise<string[]> {
  const response = await postSoap(
    endpoint,
    envelope({
      header: authHeader(UPSTREAM_USER, UPSTREAM_PASSWORD, `<locale>${locale}</locale>`),
      body: assetJobLogsParam('c|6', 'a|732|1|535'),
    }),
  );
  expect(response.status).toBe(200);
  const text = await response.text();
  return [...text.matchAll(/<logMessage>([^<]*)<\/logMessage>/g)].map((match) => match[1]!);
}

describe('the response cache and callers of different locales', () => {
  it('answers each locale in its own language, reading IPS once per locale', async () => {
    const english = await messagesIn('en-US');
    const german = await messagesIn('de-DE');
    const englishAgain = await messagesIn('en-US');
    expect(english.length).toBeGreaterThan(0);
    expect(german).not.toEqual(english);
    expect(englishAgain).toEqual(english);
    expect(stack.scene7.requests.map((request) => request.locale)).toEqual(['en-US', 'de-DE']);
  });
});
