import type { AuthHeader } from './auth-header';
import { authenticationFault, authorizationFault, type IpsFault } from './faults';
import { IPS_DEFINITIONS_NAMESPACE } from './namespaces';
import type { SeedIndex } from './seed-index';
import type { Scene7User } from './seed-types';
import type { XmlElement } from './xml';

/** Where the credentials came from, in the order IPS tries them (scene7-ips.md §1.4, §7.3). */
export type AuthVariant = 'common' | 'versioned' | 'legacy' | 'basic' | 'none';

/** The credentials a request presented; `user` null when the source carried no usable user. */
export interface Credentials {
  readonly variant: AuthVariant;
  readonly user: string | null;
  readonly password: string | null;
}

const CREDENTIAL_FIELDS = ['user', 'password', 'accessToken', 'samlResponse'];

/**
 * Picks the credentials: an `authHeader` (common, then versioned) that carries any credential
 * field, then legacy `AuthUser`/`AuthPassword` (§1.4 c), then HTTP Basic sent preemptively.
 */
export function readCredentials(
  authHeaders: readonly AuthHeader[],
  headerBlocks: readonly XmlElement[],
  authorization: string | undefined,
): Credentials {
  for (const header of authHeaders) {
    if (CREDENTIAL_FIELDS.some((field) => header.fields.has(field))) {
      return {
        variant: header.variant,
        user: header.fields.get('user') ?? null,
        password: header.fields.get('password') ?? null,
      };
    }
  }
  const legacyUser = legacyHeader(headerBlocks, 'AuthUser');
  const legacyPassword = legacyHeader(headerBlocks, 'AuthPassword');
  if (legacyUser !== null || legacyPassword !== null) {
    return { variant: 'legacy', user: legacyUser, password: legacyPassword };
  }
  return readBasic(authorization);
}

/**
 * Signs the caller in. No credentials -> 10000; unknown user, wrong password, or a token-only
 * header (accessToken/samlResponse are accepted on the wire but not emulated) -> 10001 (§4).
 */
export function authenticate(credentials: Credentials, index: SeedIndex): Scene7User {
  if (credentials.variant === 'none') {
    throw authenticationFault(10000, 'The request could not be authenticated: no credentials');
  }
  const user = index.usersByEmail.get((credentials.user ?? '').toLowerCase());
  if (user === undefined || credentials.password !== user.password) {
    throw authenticationFault(10001, 'Invalid user name or password');
  }
  return user;
}

/**
 * Checks that a company exists (else 20000 INVALID_COMPANY) and that the user belongs to it.
 * A non-member gets 20006 ILLEGAL_COMPANY: §4 allows 20000 or 20006, and 20006 tells an
 * existing-but-forbidden company apart from a missing one [I].
 */
export function authorizeCompany(
  user: Scene7User,
  companyHandle: string,
  index: SeedIndex,
): IpsFault | null {
  if (!index.companies.has(companyHandle)) {
    return authorizationFault(20000, `Invalid company handle '${companyHandle}'`);
  }
  if (!user.companyHandles.includes(companyHandle)) {
    return authorizationFault(
      20006,
      `User '${user.email}' does not have access to company '${companyHandle}'`,
    );
  }
  return null;
}

function legacyHeader(blocks: readonly XmlElement[], localName: string): string | null {
  const block = blocks.find(
    (b) => b.namespace === IPS_DEFINITIONS_NAMESPACE && b.localName === localName,
  );
  return block === undefined ? null : block.text;
}

function readBasic(authorization: string | undefined): Credentials {
  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return { variant: 'none', user: null, password: null };
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return { variant: 'basic', user: null, password: null };
  return { variant: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
