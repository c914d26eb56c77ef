import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { securityHeaders } from '../../../src/server/middleware/security-headers';

/** An app answering every path with `ok` after `middleware`, with express's own x-powered-by on. */
function appWith(middleware: express.RequestHandler): express.Express {
  const app = express();
  app.use(middleware);
  app.use((_req, res) => {
    res.type('text/plain').send('ok');
  });
  return app;
}

const securityOnly = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) =>
        !['date', 'etag', 'content-length', 'content-type', 'connection', 'keep-alive'].includes(
          name,
        ),
    ),
  );

describe('securityHeaders', () => {
  it('sets exactly the headers helmet itself sets, with the same values, and drops x-powered-by', async () => {
    const options = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };
    const fromHelmet = await request(appWith(helmet(options))).get('/any');
    const fromOurs = await request(appWith(securityHeaders())).get('/any');
    expect(Object.keys(securityOnly(fromHelmet.headers)).length).toBeGreaterThanOrEqual(12);
    expect(securityOnly(fromOurs.headers)).toEqual(securityOnly(fromHelmet.headers));
    expect(fromOurs.headers['x-powered-by']).toBeUndefined();
    expect(fromOurs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('sets them on every request, whatever the method and path', async () => {
    const app = appWith(securityHeaders());
    for (const [method, path] of [
      ['get', '/'],
      ['post', '/x/y?z=1'],
      ['delete', '/docs/'],
    ] as const) {
      const response = await request(app)[method](path);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    }
  });
});
