/**
 * A gateway in front of the three demo emulators (loopback, port 0) with SOAP users for
 * JobLogService: the demo's own, one scoped to Losant and one with a tiny rate limit; plus raw
 * SOAP helpers for the cases a SOAP stack would not send (bad parameters, PasswordDigest).
 */
import type { XmlElement } from '../../../src/codec/xml-tree';
import { parseResponseEnvelope } from '../../../src/soap/envelope';
import { readFault, textOf } from '../../../src/soap/fault';
import { startThreeSources, type ThreeSources } from '../../helpers/three-sources';
import { SOAP11_NS, SOAP12_NS } from '../../helpers/soap';

export const SERVICE_NS = 'https://joblog-gateway.example/soap/JobLogService/v1';
export const WSSE_NS =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';

export const SCOPED_USER = 'losant-only@example.com';
export const LIMITED_USER = 'twice-a-minute@example.com';
/** Every test user's password (the demo user's is the demo's own). */
export const TEST_PASSWORD = 'joblog-service-test-password';

export interface ServiceStack extends ThreeSources {
  /** POST /soap/JobLogService */
  readonly endpoint: string;
  readonly wsdlUrl: string;
  /** GET a gateway path with the demo API key. */
  getJson(path: string): Promise<Response>;
}

/**
 * Starts the three emulators and a gateway with the test SOAP users in front of them (log lines
 * from info up are captured); `sources` merges keys into a source's config, by id.
 */
export async function startServiceStack(
  sources: Readonly<Record<string, Record<string, unknown>>> = {},
): Promise<ServiceStack> {
  const stack = await startThreeSources({
    sources,
    logLevel: 'info',
    soapUsers: [
      { user: SCOPED_USER, password: TEST_PASSWORD, sources: ['losant-demo'] },
      { user: LIMITED_USER, password: TEST_PASSWORD, rateLimit: { requests: 2, perSeconds: 60 } },
    ],
  });
  const endpoint = `${stack.gateway.url}/soap/JobLogService`;
  return { ...stack, endpoint, wsdlUrl: `${endpoint}?wsdl`, getJson: (path) => stack.get(path) };
}

/** A WS-Security header with a UsernameToken, as WCF and JAX-WS send it. */
export function wsSecurity(
  user: string,
  password: string,
  options: {
    type?: 'PasswordText' | 'PasswordDigest';
    mustUnderstand?: boolean;
    version?: '1.1' | '1.2';
  } = {},
): string {
  const envNs = options.version === '1.2' ? SOAP12_NS : SOAP11_NS;
  const must = options.mustUnderstand === true ? ` xmlns:e="${envNs}" e:mustUnderstand="1"` : '';
  const type = options.type ?? 'PasswordText';
  return (
    `<wsse:Security xmlns:wsse="${WSSE_NS}"${must}><wsse:UsernameToken><wsse:Username>${user}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_TYPE}#${type}">${password}</wsse:Password></wsse:UsernameToken></wsse:Security>`
  );
}

/** A request element of the service, its children given as XML. */
export function operation(name: string, children = ''): string {
  return `<s:${name} xmlns:s="${SERVICE_NS}">${children}</s:${name}>`;
}

/** The Authorization header of HTTP Basic. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A fault as a SOAP caller reads it: the SOAP code and the problem in the detail. */
export interface ServiceFault {
  /** Local part of faultcode (1.1) or Code/Value (1.2): Client, Sender, MustUnderstand, ... */
  readonly soapCode: string;
  readonly reason: string;
  /** The jobLogServiceFault's children, as text. */
  readonly problem: Record<string, string>;
}

/** Reads a SOAP 1.1 or 1.2 fault response of the service; throws when it is none. */
export function serviceFaultOf(xml: string): ServiceFault {
  const response = parseResponseEnvelope(xml, { maxBytes: 16 * 1024 * 1024 });
  if (!response.isFault) throw new Error(`not a fault: ${xml.slice(0, 300)}`);
  const { code, reason, detail } = readFault(response.body, response.version);
  if (detail?.local !== 'jobLogServiceFault' || detail.ns !== SERVICE_NS)
    throw new Error(`no jobLogServiceFault detail: ${xml.slice(0, 500)}`);
  const fields = detail.children.filter((node): node is XmlElement => typeof node !== 'string');
  return {
    soapCode: code,
    reason,
    problem: Object.fromEntries(fields.map((field) => [field.local, textOf(field)])),
  };
}
