import helmet from 'helmet';

/**
 * helmet's security headers on every answer (CSP, nosniff, frame and referrer policies, ...).
 * The CSP keeps helmet's defaults (scripts from 'self' only: /docs serves Swagger UI's own
 * files), without `upgrade-insecure-requests`: the gateway itself speaks plain HTTP (TLS ends in
 * front of it), and a browser that upgraded /docs' assets there would fail to load them.
 */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
}
