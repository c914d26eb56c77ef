import { randomUUID } from 'node:crypto';
import type { Reply } from './reply';
import type { SeedIndex } from './seed-index';
import { BC_SCOPE } from './seed-fixtures';
import type { TokenStore } from './tokens';
import type { BusinessCentralClient } from './types';

/** What a token request resolved to, for the request log. */
export interface TokenOutcome {
  readonly reply: Reply;
  /** The client_id the request named, if any. */
  readonly clientId: string | null;
  readonly serial: number | null;
}

const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };

// Entra ID's error shape: error, error_description (AADSTS code first), error_codes, trace ids.
function oauthError(status: number, error: string, aadsts: number, description: string): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE },
    json: {
      error,
      error_description: `AADSTS${aadsts}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()}`,
      error_codes: [aadsts],
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}

/** Reads a form body strictly: each field at most once. */
function readForm(body: string): Map<string, string> | undefined {
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(body)) {
    if (form.has(name)) return undefined;
    form.set(name, value);
  }
  return form;
}

/**
 * The Microsoft Entra ID client credentials grant (business-central.md §7):
 * `POST /{tenant}/oauth2/v2.0/token` with a form body `grant_type=client_credentials`,
 * `client_id`, `client_secret`, `scope=https://api.businesscentral.dynamics.com/.default`.
 * Answers `{token_type, expires_in, ext_expires_in, access_token}`, or Entra's error JSON
 * (400 invalid_request / unsupported_grant_type / invalid_scope / unauthorized_client,
 * 401 invalid_client for a wrong secret).
 */
export function answerTokenRequest(
  tenantSegment: string,
  contentType: string | undefined,
  body: string,
  deps: {
    readonly index: SeedIndex;
    readonly tokens: TokenStore;
    readonly clients: readonly BusinessCentralClient[];
  },
): TokenOutcome {
  const outcome = (reply: Reply, clientId: string | null = null): TokenOutcome => ({
    reply,
    clientId,
    serial: null,
  });
  if (!deps.index.isTenant(tenantSegment)) {
    return outcome(
      oauthError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenantSegment.slice(0, 100)}' not found.`,
      ),
    );
  }
  const form = /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')
    ? readForm(body)
    : undefined;
  if (form === undefined) {
    return outcome(
      oauthError(
        400,
        'invalid_request',
        900144,
        'The request body must be a form with each parameter once.',
      ),
    );
  }
  const clientId = form.get('client_id') ?? null;
  if (form.get('grant_type') !== 'client_credentials') {
    return outcome(
      oauthError(
        400,
        'unsupported_grant_type',
        70003,
        'The app requested an unsupported grant type.',
      ),
      clientId,
    );
  }
  const client = deps.clients.find((known) => known.clientId === clientId);
  if (client === undefined) {
    return outcome(
      oauthError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${(clientId ?? '').slice(0, 100)}' was not found in the directory.`,
      ),
      clientId,
    );
  }
  if (form.get('client_secret') !== client.clientSecret) {
    return outcome(
      oauthError(401, 'invalid_client', 7000215, 'Invalid client secret provided.'),
      clientId,
    );
  }
  if (form.get('scope') !== BC_SCOPE) {
    return outcome(
      oauthError(
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid.`,
      ),
      clientId,
    );
  }
  const accessToken = deps.tokens.issue(client.clientId, deps.index.seed.tenant);
  const issued = deps.tokens.lookup(`Bearer ${accessToken}`);
  return {
    clientId,
    serial: issued?.serial ?? null,
    reply: {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE },
      json: {
        token_type: 'Bearer',
        expires_in: deps.tokens.ttlSeconds,
        ext_expires_in: deps.tokens.ttlSeconds,
        access_token: accessToken,
      },
    },
  };
}
