import path from 'node:path';
import { existsSync } from 'node:fs';
import express, { Router, type Response } from 'express';
import { GatewayError } from '../errors/gateway-error';

/** Where `npm run build` writes the bundled explorer (scripts/build-explorer.js). */
export const EXPLORER_BUNDLE_DIR = path.resolve(__dirname, '../../dist/explorer-ui');

/**
 * The explorer page's Content-Security-Policy, stricter than the rest of the gateway's: scripts,
 * styles and data only from the gateway itself, no inline script or style attribute, no frames,
 * no plugins, no <base>, forms only back to the gateway.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

function strict(res: Response): void {
  res.setHeader('content-security-policy', EXPLORER_CSP);
  res.setHeader('cache-control', 'no-cache');
}

/**
 * `/explorer` (the page) and `/explorer/assets/*` (its bundle), and `/` redirecting to it. They
 * are public: the page asks for an API key and sends it only in the Authorization header of its
 * /v1 calls. Without a built bundle the page answers 404 naming the command that builds it.
 */
export function explorerRoutes(bundleDir = EXPLORER_BUNDLE_DIR): Router {
  const router = Router();
  const page = path.join(bundleDir, 'index.html');
  router.get('/', (_req, res) => {
    res.redirect(302, '/explorer');
  });
  router.get(['/explorer', '/explorer/'], (_req, res) => {
    if (!existsSync(page))
      throw new GatewayError(
        'GW_ERR_NOT_FOUND',
        'The explorer is not built: run `npm run build` (it bundles src/explorer/ui).',
      );
    strict(res);
    res.type('html').sendFile(page);
  });
  router.use(
    '/explorer/assets',
    express.static(bundleDir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res) => strict(res),
    }),
  );
  return router;
}
