import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, type TestStack } from '../helpers/gateway';

/**
 * Wire cases as data (node-soap's test/request-response-samples habit): each folder of
 * test/golden/ips/ holds request.xml, meta.json ({ contentType, soapAction?, status }) and the
 * expected-response.xml the gateway must answer, compared after whitespace between tags is
 * removed. UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
 */
const root = join(__dirname, 'ips');
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'request.xml')));

interface Meta {
  readonly contentType: string;
  readonly soapAction?: string;
  readonly status: number;
}

const normalize = (xml: string): string => xml.replace(/>\s+</g, '><').trim();

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('IPS endpoint golden cases', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
    const response = await fetch(`${stack.gateway.url}/scene7/services/IpsApiService`, {
      method: 'POST',
      headers: {
        'content-type': meta.contentType,
        ...(meta.soapAction === undefined ? {} : { soapaction: meta.soapAction }),
      },
      body: readFileSync(join(dir, 'request.xml'), 'utf8'),
    });
    const text = await response.text();
    const expectedFile = join(dir, 'expected-response.xml');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedFile, `${text}\n`);
    expect(response.status).toBe(meta.status);
    expect(normalize(text)).toBe(normalize(readFileSync(expectedFile, 'utf8')));
  });
});
