import { parseXml, type XmlElement } from '../../../src/codec/xml-tree';
import { GatewayError } from '../../../src/errors/gateway-error';
import {
  basicCredentialsOf,
  isWsSecurityHeader,
  readSoapCredentials,
  WSSE_NS,
} from '../../../src/soap/credentials';

const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';

/** Header blocks of a Header element written as XML. */
function headers(xml: string): readonly XmlElement[] {
  const root = parseXml(`<Header>${xml}</Header>`);
  return root.children.filter((node): node is XmlElement => typeof node !== 'string');
}

// What node-soap's WSSecurity sends (Timestamp, wsu:Id, Created), trimmed to what matters.
const nodeSoapToken = (password: string, type = `${PROFILE}#PasswordText`): string =>
  `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU}"><wsu:Timestamp><wsu:Created>2026-01-15T09:00:00Z</wsu:Created></wsu:Timestamp>` +
  `<wsse:UsernameToken wsu:Id="SecurityToken-1"><wsse:Username> ops@example.com </wsse:Username>` +
  `<wsse:Password Type="${type}">${password}</wsse:Password><wsu:Created>2026-01-15T09:00:00Z</wsu:Created></wsse:UsernameToken></wsse:Security>`;

function refusal(call: () => unknown): GatewayError {
  try {
    call();
  } catch (error) {
    if (error instanceof GatewayError) return error;
  }
  throw new Error('expected a GatewayError');
}

describe('readSoapCredentials', () => {
  it('reads a PasswordText UsernameToken (the user trimmed, the password as sent)', () => {
    expect(readSoapCredentials(headers(nodeSoapToken(' s3cret ')), undefined)).toEqual({
      user: 'ops@example.com',
      password: ' s3cret ',
      via: 'ws-security',
    });
  });

  it('takes a Password without Type as PasswordText (the profile default), as zeep may send it', () => {
    const xml = `<Security xmlns="${WSSE_NS}"><UsernameToken><Username>u</Username><Password>p</Password></UsernameToken></Security>`;
    expect(readSoapCredentials(headers(xml), undefined)).toMatchObject({
      user: 'u',
      password: 'p',
    });
  });

  it('prefers the WS-Security header to HTTP Basic, and falls back to Basic without one', () => {
    const basic = `Basic ${Buffer.from('basic-user:pw:with:colons').toString('base64')}`;
    expect(readSoapCredentials(headers(nodeSoapToken('p')), basic)?.via).toBe('ws-security');
    expect(readSoapCredentials([], basic)).toEqual({
      user: 'basic-user',
      password: 'pw:with:colons',
      via: 'basic',
    });
    expect(readSoapCredentials([], undefined)).toBeUndefined();
  });

  it('refuses PasswordDigest with a clear GW_ERR_UNAUTHENTICATED', () => {
    const error = refusal(() =>
      readSoapCredentials(
        headers(nodeSoapToken('digest=', `${PROFILE}#PasswordDigest`)),
        undefined,
      ),
    );
    expect(error.code).toBe('GW_ERR_UNAUTHENTICATED');
    expect(error.message).toMatch(/PasswordDigest is not supported.*PasswordText/);
  });

  it.each([
    ['no UsernameToken', `<wsse:Security xmlns:wsse="${WSSE_NS}"/>`, /no UsernameToken/],
    [
      'a token without a Password',
      `<wsse:Security xmlns:wsse="${WSSE_NS}"><wsse:UsernameToken><wsse:Username>u</wsse:Username></wsse:UsernameToken></wsse:Security>`,
      /Username and a Password/,
    ],
    ['an unknown Password Type', nodeSoapToken('p', 'urn:x#Kerberos'), /is not PasswordText/],
    ['two Security headers', nodeSoapToken('p') + nodeSoapToken('q'), /one WS-Security header/],
  ])('refuses %s', (_, xml, message) => {
    const error = refusal(() => readSoapCredentials(headers(xml), undefined));
    expect(error.code).toBe('GW_ERR_UNAUTHENTICATED');
    expect(error.message).toMatch(message);
  });

  it('knows only the OASIS 2004 Security header as its own (for mustUnderstand)', () => {
    const [ours, other] = headers(
      `<Security xmlns="${WSSE_NS}"/><Security xmlns="http://schemas.xmlsoap.org/ws/2002/07/secext"/>`,
    );
    expect(isWsSecurityHeader(ours!)).toBe(true);
    expect(isWsSecurityHeader(other!)).toBe(false);
  });
});

describe('basicCredentialsOf', () => {
  it.each([
    undefined,
    'Bearer abc',
    'Basic !!!',
    `Basic ${Buffer.from('no-colon').toString('base64')}`,
  ])('finds none in %s', (header) => {
    expect(basicCredentialsOf(header)).toBeUndefined();
  });
});
