import type { XmlElement } from '../codec/xml-tree';
import { GatewayError } from '../errors/gateway-error';
import { textOf } from './fault';

/** WS-Security 1.0 (OASIS 2004): what .NET WCF, JAX-WS, node-soap and zeep send. */
export const WSSE_NS =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

const PASSWORD_TYPE_BASE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
const PASSWORD_TEXT = `${PASSWORD_TYPE_BASE}#PasswordText`;
const PASSWORD_DIGEST = `${PASSWORD_TYPE_BASE}#PasswordDigest`;

/** A user and password a SOAP caller presented, and how. */
export interface SoapCredentials {
  readonly user: string;
  readonly password: string;
  readonly via: 'ws-security' | 'basic';
}

/** Whether a header block is a WS-Security header (for mustUnderstand: the receiver processes it). */
export function isWsSecurityHeader(header: XmlElement): boolean {
  return header.ns === WSSE_NS && header.local === 'Security';
}

function childElements(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter(
    (node): node is XmlElement =>
      typeof node !== 'string' && node.ns === WSSE_NS && node.local === local,
  );
}

function unauthenticated(reason: string): GatewayError {
  return new GatewayError(
    'GW_ERR_UNAUTHENTICATED',
    `The request could not be authenticated: ${reason}`,
  );
}

/**
 * The UsernameToken of a WS-Security header (OASIS UsernameToken Profile 1.0): its Username and
 * its Password, which must be PasswordText (the profile's default when Type is absent). Nonce,
 * Created and a Timestamp may come along and are not needed for PasswordText. PasswordDigest is
 * refused: checking it needs replay protection (a nonce cache across replicas and a clock
 * window) for no gain over PasswordText, which must travel over TLS in any case.
 */
function fromSecurityHeader(security: XmlElement): SoapCredentials {
  const [token, second] = childElements(security, 'UsernameToken');
  if (token === undefined) throw unauthenticated('the WS-Security header holds no UsernameToken.');
  if (second !== undefined)
    throw unauthenticated('the WS-Security header holds more than one UsernameToken.');
  const [username] = childElements(token, 'Username');
  const [password] = childElements(token, 'Password');
  if (username === undefined || password === undefined)
    throw unauthenticated('the UsernameToken needs a Username and a Password.');
  const type = password.attributes.find((attr) => attr.ns === '' && attr.local === 'Type');
  const kind = type?.value.trim() ?? PASSWORD_TEXT;
  if (kind === PASSWORD_DIGEST) {
    throw unauthenticated(
      'WS-Security PasswordDigest is not supported; send the password as PasswordText (over TLS) or use HTTP Basic.',
    );
  }
  if (kind !== PASSWORD_TEXT)
    throw unauthenticated(
      `the UsernameToken's Password Type "${kind.slice(0, 200)}" is not PasswordText.`,
    );
  return { user: textOf(username).trim(), password: textOf(password), via: 'ws-security' };
}

/** The user and password of an `Authorization: Basic` header, if there is one. */
export function basicCredentialsOf(authorization: string | undefined): SoapCredentials | undefined {
  const match =
    authorization === undefined
      ? null
      : /^Basic\s+([A-Za-z0-9+/=]{1,2048})\s*$/i.exec(authorization);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1), via: 'basic' };
}

/**
 * The credentials of a SOAP request: the WS-Security UsernameToken when the envelope has a
 * Security header, else HTTP Basic; undefined when it has neither. Throws
 * GW_ERR_UNAUTHENTICATED for a Security header that cannot be used (no token, PasswordDigest,
 * two Security headers).
 */
export function readSoapCredentials(
  headers: readonly XmlElement[],
  authorization: string | undefined,
): SoapCredentials | undefined {
  const security = headers.filter(isWsSecurityHeader);
  if (security.length > 1) throw unauthenticated('send one WS-Security header, not several.');
  const [header] = security;
  return header === undefined ? basicCredentialsOf(authorization) : fromSecurityHeader(header);
}
