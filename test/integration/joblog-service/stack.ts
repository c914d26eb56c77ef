/**
 * A gateway in front of the three demo emulators (loopback, port 0) with SOAP users for
 * JobLogService: the demo's own, one scoped to Losant and one with a tiny rate limit; plus raw
 * SOAP helpers for the cases a SOAP stack would not send (bad parameters, PasswordDigest).
 */
import pino from 'pino';
import { parseXml, type XmlElement } from '../../../src/codec/xml-tree';
import { buildConfig, type Config } from '../../../src/config/load';
import { startDemo, type Demo } from '../../../src/demo/start';
import { startGateway, type RunningGateway } from '../../../src/server/gateway';
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

export interface ServiceStack {
  readonly gateway: RunningGateway;
  readonly demo: Demo;
  readonly config: Readonly<Config>;
  /** POST /soap/JobLogService */
  readonly endpoint: string;
  readonly wsdlUrl: string;
  /** GET a gateway path with the demo API key. */
  getJson(path: string): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the three emulators and a gateway with the test SOAP users in front of them. */
export async function startServiceStack(): Promise<ServiceStack> {
  const demo = await startDemo(
    { DEMO_API_KEY: 'joblog-service-key-0123456789' },
    pino({ level: 'silent' }),
  );
  try {
    const config = buildConfig({
      ...demo.config,
      server: { host: '127.0.0.1', port: 0, logLevel: 'silent' },
      auth: {
        ...(demo.config.auth as Record<string, unknown>),
        soapUsers: [
          { user: demo.soapUser, password: demo.soapPassword },
          { user: SCOPED_USER, password: TEST_PASSWORD, sources: ['losant-demo'] },
          {
            user: LIMITED_USER,
            password: TEST_PASSWORD,
            rateLimit: { requests: 2, perSeconds: 60 },
          },
        ],
      },
    });
    const gateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
    const endpoint = `${gateway.url}/soap/JobLogService`;
    return {
      gateway,
      demo,
      config,
      endpoint,
      wsdlUrl: `${endpoint}?wsdl`,
      getJson: (path) =>
        fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${demo.apiKey}` } }),
      async close() {
        await gateway.close(100);
        await demo.close();
      },
    };
  } catch (error) {
    await demo.close();
    throw error;
  }
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
  readonly soapCode: string;
  readonly reason: string;
  /** The jobLogServiceFault's children, as text. */
  readonly problem: Record<string, string>;
}

function elements(element: XmlElement): XmlElement[] {
  return element.children.filter((node): node is XmlElement => typeof node !== 'string');
}

function text(element: XmlElement | undefined): string {
  return element === undefined
    ? ''
    : element.children.map((node) => (typeof node === 'string' ? node : text(node))).join('');
}

function child(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element === undefined ? undefined : elements(element).find((node) => node.local === local);
}

/** Reads a SOAP 1.1 or 1.2 fault response of the service; throws when it is none. */
export function serviceFaultOf(xml: string): ServiceFault {
  const root = parseXml(xml);
  const fault = child(child(root, 'Body'), 'Fault');
  if (fault === undefined) throw new Error(`not a fault: ${xml.slice(0, 300)}`);
  const v11 = root.ns === SOAP11_NS;
  const detail = child(fault, v11 ? 'detail' : 'Detail');
  const problem = detail === undefined ? undefined : elements(detail)[0];
  if (problem?.local !== 'jobLogServiceFault' || problem.ns !== SERVICE_NS)
    throw new Error(`no jobLogServiceFault detail: ${xml.slice(0, 500)}`);
  return {
    soapCode: (v11
      ? text(child(fault, 'faultcode'))
      : text(child(child(fault, 'Code'), 'Value'))
    ).trim(),
    reason: (v11
      ? text(child(fault, 'faultstring'))
      : text(child(child(fault, 'Reason'), 'Text'))
    ).trim(),
    problem: Object.fromEntries(elements(problem).map((node) => [node.local, text(node)])),
  };
}
