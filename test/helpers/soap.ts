import { parseXml, type XmlElement } from '../../src/codec/xml-tree';
import { IPS_OPERATIONS, ipsCodecs, type IpsOperationName } from '../../src/protocols/ips/codecs';
import { createSchemaRegistry } from '../../src/schemas/registry';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const IPS_COMMON_NS = 'http://www.scene7.com/IpsApi/xsd';
export const ipsNs = (version = '2014-04-03'): string => `${IPS_COMMON_NS}/${version}`;

export interface EnvelopeParts {
  readonly version?: '1.1' | '1.2';
  readonly header?: string;
  readonly body: string;
}

/** A raw SOAP envelope, as a hand-written legacy client would send it. */
export function envelope({ version = '1.1', header = '', body }: EnvelopeParts): string {
  const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${ns}"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/** The unversioned authHeader (scene7-ips.md §1.4 a). */
export function authHeader(user: string, password: string, extra = ''): string {
  return `<authHeader xmlns="${IPS_COMMON_NS}"><user>${user}</user><password>${password}</password>${extra}</authHeader>`;
}

export function assetJobLogsParam(
  companyHandle: string,
  assetHandle: string,
  version = '2014-04-03',
): string {
  return `<getAssetJobLogsParam xmlns="${ipsNs(version)}"><companyHandle>${companyHandle}</companyHandle><assetHandle>${assetHandle}</assetHandle></getAssetJobLogsParam>`;
}

/** POSTs a SOAP message with the right media type for its version. */
export function postSoap(
  url: string,
  xml: string,
  options: { version?: '1.1' | '1.2'; action?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const version = options.version ?? '1.1';
  const action = options.action ?? 'getAssetJobLogs';
  const headers: Record<string, string> =
    version === '1.1'
      ? { 'content-type': 'text/xml; charset=UTF-8', soapaction: action }
      : { 'content-type': `application/soap+xml; charset=UTF-8; action="${action}"` };
  return fetch(url, { method: 'POST', headers: { ...headers, ...options.headers }, body: xml });
}

/** An IPS fault read namespace-aware: the detail element, its namespace, code and reason. */
export interface IpsFaultView {
  readonly soapCode: string;
  readonly kind: string;
  readonly namespace: string;
  readonly code: number;
  readonly reason: string;
}

function elements(element: XmlElement): XmlElement[] {
  return element.children.filter((node): node is XmlElement => typeof node !== 'string');
}

function text(element: XmlElement | undefined): string {
  return element === undefined
    ? ''
    : element.children.map((node) => (typeof node === 'string' ? node : text(node))).join('');
}

function find(element: XmlElement, path: readonly string[]): XmlElement | undefined {
  let node: XmlElement | undefined = element;
  for (const local of path)
    node = node === undefined ? undefined : elements(node).find((child) => child.local === local);
  return node;
}

/** Parses a SOAP 1.1 or 1.2 fault response and returns its IPS detail, or undefined when none. */
export function ipsFaultOf(xml: string): IpsFaultView | undefined {
  const root = parseXml(xml);
  const fault = find(root, ['Body', 'Fault']);
  if (fault === undefined) return undefined;
  const soapCode =
    root.ns === SOAP11_NS ? text(find(fault, ['faultcode'])) : text(find(fault, ['Code', 'Value']));
  const detail = find(fault, [root.ns === SOAP11_NS ? 'detail' : 'Detail']);
  const kind = detail === undefined ? undefined : elements(detail)[0];
  if (kind === undefined) return undefined;
  return {
    soapCode: soapCode.trim(),
    kind: kind.local,
    namespace: kind.ns,
    code: Number(text(find(kind, ['code']))),
    reason: text(find(kind, ['reason'])),
  };
}

const registry = createSchemaRegistry();

/**
 * The Return element of an IPS answer as the IPS schema reads it: decoded by the schema-driven
 * codec in the answer's own namespace, then validated with ajv against the operation's Return
 * def (schemas/scene7-ips.schema.json). Throws, naming the violations, when it does not match.
 */
export function ipsReturnOf<T>(xml: string, operation: IpsOperationName): T {
  const returned = find(parseXml(xml), ['Body']);
  const element = returned === undefined ? undefined : elements(returned)[0];
  const spec = IPS_OPERATIONS[operation];
  if (element?.local !== spec.return) throw new Error(`no ${spec.return} in ${xml.slice(0, 500)}`);
  const value = ipsCodecs(registry).returns[operation].decode(element, { namespace: element.ns });
  const validate = registry.validator<T>(`scene7-ips#/$defs/${spec.returnDef}`);
  if (!validate(value)) {
    throw new Error(
      `${spec.return} does not match the IPS schema: ${JSON.stringify(validate.errors)}`,
    );
  }
  return value;
}

/** A getJobLogDetailsParam element: `fields` in the order given, a StringArray as its `items`. */
export function jobLogDetailsParam(
  fields: Record<string, string | readonly string[]>,
  version = '2014-04-03',
): string {
  const children = Object.entries(fields)
    .map(([name, value]) =>
      typeof value === 'string'
        ? `<${name}>${value}</${name}>`
        : `<${name}>${value.map((item) => `<items>${item}</items>`).join('')}</${name}>`,
    )
    .join('');
  return `<getJobLogDetailsParam xmlns="${ipsNs(version)}">${children}</getJobLogDetailsParam>`;
}
