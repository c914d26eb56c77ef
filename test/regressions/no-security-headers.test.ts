// Regression: no response carried security headers, /docs included. helmet now sets them on every
// answer; the Swagger UI at /docs keeps working under the Content-Security-Policy because all of
// its scripts are its own files, served from the gateway itself.
import { getFromGateway, startGatewayFor, type GatewayUnderTest } from '../helpers/gateway';
import { UNREACHED_SOURCE } from '../integration/admission/fixtures';

let subject: GatewayUnderTest;
beforeAll(async () => {
  subject = await startGatewayFor([UNREACHED_SOURCE]);
});
afterAll(() => subject.gateway.close(100));

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-powered-by')).toBeNull();
}

describe('every answer', () => {
  it.each([
    ['/healthz', null, 200],
    ['/openapi.json', null, 200],
    ['/v1/sources', null, 401],
    ['/no/such/path', null, 404],
  ] as const)('GET %s carries the security headers', async (path, key, status) => {
    const response = await getFromGateway(subject.gateway, path, key);
    expect(response.status).toBe(status);
    expectSecurityHeaders(response);
  });
});

describe('GET /docs/', () => {
  it('serves the Swagger UI under a CSP whose scripts all come from the gateway itself', async () => {
    const response = await getFromGateway(subject.gateway, '/docs/', null);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // The gateway speaks plain HTTP (TLS ends in front of it): upgrading would break /docs there.
    expect(csp).not.toContain('upgrade-insecure-requests');
    const html = await response.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      // No inline code: 'self' would block it.
      expect(inline!.trim()).toBe('');
      const src = /src=["']([^"']+)["']/.exec(attributes!)?.[1];
      expect(src).toBeDefined();
      const url = new URL(src!, `${subject.gateway.url}/docs/`);
      expect(url.origin).toBe(subject.gateway.url);
      const script = await fetch(url);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      await script.arrayBuffer();
    }
  });
});
