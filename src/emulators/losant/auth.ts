import { losantError, type LosantErrorReply } from './errors';
import type { LosantToken } from './seed-types';

const BROAD_SCOPES = [
  'all.Application',
  'all.Application.bounded',
  'all.Application.read',
  'all.Organization',
  'all.Organization.bounded',
  'all.Organization.read',
  'all.User',
  'all.User.bounded',
  'all.User.read',
];

/** The scopes each route accepts, any one of them (losant.md §1, API 1.30.0). */
export const ROUTE_SCOPES = {
  collection: [...BROAD_SCOPES, 'applicationJobLogs.*', 'applicationJobLogs.get'],
  single: [...BROAD_SCOPES, 'applicationJobLog.*', 'applicationJobLog.get'],
} as const;

export type JobLogRoute = keyof typeof ROUTE_SCOPES;

/** The Bearer token of an Authorization header, or null when there is none. */
export function bearerOf(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * Checks a request's token [I: the notes leave status and type open, losant.md §4]: no or an
 * unknown token is 401 Unauthorized; a token without a scope of the route is 403 Forbidden.
 */
export function authenticate(
  token: string | null,
  tokens: ReadonlyMap<string, LosantToken>,
  route: JobLogRoute,
): LosantToken | LosantErrorReply {
  if (token === null) return losantError(401, 'Unauthorized', 'Authorization header required');
  const known = tokens.get(token);
  if (known === undefined) return losantError(401, 'Unauthorized', 'Invalid access token');
  const allowed: readonly string[] = ROUTE_SCOPES[route];
  if (!known.scopes.some((scope) => allowed.includes(scope))) {
    return losantError(403, 'Forbidden', 'Token does not have the required scope');
  }
  return known;
}

/** [I] A token bound to other applications gets 403, before any 404 could say what exists. */
export function authorizeApplication(
  token: LosantToken,
  applicationId: string,
): LosantErrorReply | undefined {
  if (token.applicationIds === undefined || token.applicationIds.includes(applicationId)) {
    return undefined;
  }
  return losantError(403, 'Forbidden', 'Token is not valid for this application');
}
