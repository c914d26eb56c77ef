/**
 * The explorer's routes over loopback HTTP: the page and its bundle with the strict CSP, the
 * redirect from `/`, and a clear answer when the bundle was never built.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pino from 'pino';
import { EXPLORER_CSP, explorerRoutes } from '../../src/explorer/routes';
import { errorHandler } from '../../src/server/middleware/error-handler';

async function serve(bundleDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(explorerRoutes(bundleDir));
  app.use(errorHandler(pino({ level: 'silent' })));
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('explorer routes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'explorer-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page and its assets with the strict CSP, and redirects / to it', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'explorer.js'), 'export {};');
    const server = await serve(dir);
    try {
      const root = await fetch(`${server.url}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/explorer');

      const page = await fetch(`${server.url}/explorer`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
      expect(await page.text()).toContain('<title>x</title>');

      const script = await fetch(`${server.url}/explorer/assets/explorer.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(script.headers.get('content-security-policy')).toBe(EXPLORER_CSP);

      const missing = await fetch(`${server.url}/explorer/assets/nothing.js`);
      expect(missing.status).toBe(404);
      const escape = await fetch(`${server.url}/explorer/assets/..%2f..%2fetc%2fpasswd`);
      expect([400, 403, 404]).toContain(escape.status);
    } finally {
      await server.close();
    }
  });

  it('answers a problem naming the build command when the bundle was never built', async () => {
    const server = await serve(dir);
    try {
      const page = await fetch(`${server.url}/explorer`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await page.json()) as { detail: string }).detail).toContain('npm run build');
    } finally {
      await server.close();
    }
  });

  it('keeps no inline script or style in the built page', () => {
    // The page as built (npm run build copies it unchanged from src/explorer/ui/index.html).
    const html = readFileSync(join(__dirname, '../../src/explorer/ui/index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });
});
