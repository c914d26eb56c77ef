import { ODataError } from './errors';

/** What an API path names. */
export type Resource =
  | { readonly kind: 'companies' }
  | { readonly kind: 'company'; readonly companyId: string }
  | { readonly kind: 'entries'; readonly companyId: string }
  | { readonly kind: 'entry'; readonly companyId: string; readonly entryId: string }
  | { readonly kind: 'call-stack'; readonly companyId: string; readonly entryId: string };

/** A parsed API path: the API root as sent, the tenant (absent on the common endpoint), the resource. */
export interface ApiPath {
  /** e.g. /v2.0/<tenant>/production/api/v2.0 */
  readonly prefix: string;
  readonly tenant?: string;
  readonly environment: string;
  readonly resource: Resource;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function notFound(segment: string): ODataError {
  return new ODataError(
    404,
    'BadRequest_ResourceNotFound',
    `Resource not found for the segment '${segment.slice(0, 100)}'.`,
  );
}

/** Splits `name(key)` and checks the key is a bare GUID (§2: "ids are bare GUIDs, no quotes"). */
function keyed(segment: string, name: string): { key?: string } | undefined {
  if (segment === name) return {};
  if (!segment.startsWith(`${name}(`) || !segment.endsWith(')')) return undefined;
  const key = segment.slice(name.length + 1, -1);
  if (!GUID.test(key)) {
    // BC's wording for a key it cannot read (§6, BadRequest_NotFound).
    throw new ODataError(
      400,
      'BadRequest_NotFound',
      `Bad Request - Error in query syntax. The key '${key.slice(0, 100)}' of segment '${name}' is not a GUID.`,
    );
  }
  return { key: key.toLowerCase() };
}

function resourceOf(rest: readonly string[]): Resource {
  const [first = '', second, third, ...more] = rest;
  const company = keyed(first, 'companies');
  if (company === undefined) throw notFound(first);
  if (company.key === undefined) {
    if (second !== undefined) throw notFound(second);
    return { kind: 'companies' };
  }
  const companyId = company.key;
  if (second === undefined) return { kind: 'company', companyId };
  const entries = keyed(second, 'jobQueueLogEntries');
  if (entries === undefined) throw notFound(second);
  if (entries.key === undefined) {
    if (third !== undefined) throw notFound(third);
    return { kind: 'entries', companyId };
  }
  if (third === undefined) return { kind: 'entry', companyId, entryId: entries.key };
  if (third !== 'errorCallStack' || more.length > 0) throw notFound(third);
  return { kind: 'call-stack', companyId, entryId: entries.key };
}

/**
 * Parses `/v2.0/{tenant}/{environment}/api/v2.0/...` or the common endpoint
 * `/v2.0/{environment}/api/v2.0/...` (§2). Throws ODataError: 404 for a path the API does not
 * have, 400 for a key that is not a GUID.
 */
export function parseApiPath(path: string): ApiPath {
  let segments: string[];
  try {
    segments = path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    throw new ODataError(400, 'BadRequest_InvalidRequestUrl', 'The request URL is invalid.');
  }
  const [, version, a = '', b = '', c, d, ...rest] = segments;
  if (version !== 'v2.0') throw notFound(version ?? '');
  if (c === 'api' && d === 'v2.0') {
    return {
      prefix: `/v2.0/${a}/${b}/api/v2.0`,
      tenant: a,
      environment: b,
      resource: resourceOf(rest),
    };
  }
  if (b === 'api' && c === 'v2.0') {
    return {
      prefix: `/v2.0/${a}/api/v2.0`,
      environment: a,
      resource: resourceOf(d === undefined ? [] : [d, ...rest]),
    };
  }
  throw notFound(path.slice(0, 100));
}
