/**
 * Wire helpers for the Scene7 emulator tests: request envelopes shaped like Adobe's examples
 * (shared/reference/scene7-ips.md §5), raw HTTP over node:http, and response readers.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import * as soap from 'soap';
import { parseXml, type XmlElement } from '../../../src/emulators/scene7/xml';

export const COMMON_NS = 'http://www.scene7.com/IpsApi/xsd';
export const LEGACY_NS = 'http://www.scene7.com/IpsApi';
export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
export const DEMO = { user: 'ips-api@example.com', password: 'demo-ips-password' };
export const SOLO = { user: 'studio@northwind.example.com', password: 'northwind-studio-password' };

/** The dated IPS namespace of a version. */
export function ns(version = '2014-04-03'): string {
  return `${COMMON_NS}/${version}`;
}

/** A SOAP envelope of the given version around header blocks and a body element. */
export function envelope(version: '1.1' | '1.2', body: string, header = ''): string {
  const uri = version === '1.1' ? SOAP11 : SOAP12;
  return (
    `<soapenv:Envelope xmlns:soapenv="${uri}"><soapenv:Header>${header}</soapenv:Header>` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/** The unversioned authHeader, as Adobe prints it (§1.4 a). */
export function commonAuth(credentials = DEMO, extra = ''): string {
  return (
    `<authHeader xmlns="${COMMON_NS}"><user>${credentials.user}</user>` +
    `<password>${credentials.password}</password>${extra}</authHeader>`
  );
}

/** The authHeader in a dated namespace, as the 2016-beta clients send it (§1.4 b). */
export function versionedAuth(namespace: string, credentials = DEMO, extra = ''): string {
  return (
    `<authHeader xmlns="${namespace}"><user>${credentials.user}</user>` +
    `<password>${credentials.password}</password>${extra}` +
    `<appName>joblog-gateway-tests</appName><appVersion>1.0</appVersion></authHeader>`
  );
}

/** A getAssetJobLogsParam body element. */
export function assetParam(companyHandle: string, assetHandle: string, namespace = ns()): string {
  return (
    `<getAssetJobLogsParam xmlns="${namespace}"><companyHandle>${companyHandle}</companyHandle>` +
    `<assetHandle>${assetHandle}</assetHandle></getAssetJobLogsParam>`
  );
}

/** A getJobLogsParam body element with the given children. */
export function jobLogsParam(fields: Record<string, string> = {}, namespace = ns()): string {
  const children = Object.entries(fields)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('');
  return `<getJobLogsParam xmlns="${namespace}">${children}</getJobLogsParam>`;
}

/**
 * A node-soap client of the emulator's 2016-01-14-beta WSDL over SOAP 1.2, sending the demo user
 * in the versioned authHeader, as the 2016-beta Axis2 stub does (§1.4 b, §6).
 */
export async function betaSoap12Client(emulatorUrl: string): Promise<soap.Client> {
  const client = await soap.createClientAsync(
    `${emulatorUrl}/scene7/webservice/IpsApi-2016-01-14-beta.wsdl`,
    { forceSoap12Headers: true },
  );
  client.addSoapHeader(
    { authHeader: { ...DEMO, appName: 'tests', appVersion: '1.0' } },
    '',
    'types',
    ns('2016-01-14-beta'),
  );
  return client;
}

/** A response read to the end, gunzipped when it says so. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The bytes as sent. */
  readonly raw: Buffer;
  /** The body as text, after gunzip. */
  readonly text: string;
}

/** Options of `post`. */
export interface PostOptions {
  readonly version?: '1.1' | '1.2';
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

/** POSTs a SOAP envelope over node:http with no connection reuse and no implicit headers. */
export function post(url: string, body: string, options: PostOptions = {}): Promise<RawResponse> {
  const contentType =
    options.version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': contentType, ...options.headers },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const gzipped = res.headers['content-encoding'] === 'gzip';
          const text = (gzipped ? gunzipSync(raw) : raw).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The body element of a SOAP response (the `...Return` element or the Fault). */
export function bodyOf(text: string): XmlElement {
  const root = parseXml(text);
  const body = root.children.find((c) => c.localName === 'Body');
  const first = body?.children[0];
  if (first === undefined) throw new Error(`no body element in ${text}`);
  return first;
}

/** Child by local name. */
export function child(parent: XmlElement, localName: string): XmlElement | undefined {
  return parent.children.find((c) => c.localName === localName);
}

/** The `items` of a `...Return/jobLogArray`, each as local name -> text of its simple children. */
export function itemsOf(text: string): Array<Record<string, string>> {
  const jobLogArray = child(bodyOf(text), 'jobLogArray');
  return (jobLogArray?.children ?? []).map((item) =>
    Object.fromEntries(item.children.map((c) => [c.localName, c.text])),
  );
}

/** What a fault says, in either SOAP version. */
export interface FaultSummary {
  readonly code: string;
  readonly text: string;
  readonly detail: XmlElement;
  readonly faultCode: number;
  readonly reason: string;
}

/** Reads a SOAP 1.1 or 1.2 fault carrying an IPS detail. */
export function faultOf(text: string): FaultSummary {
  const fault = bodyOf(text);
  if (fault.localName !== 'Fault') throw new Error(`not a fault: ${text}`);
  const v11 = fault.namespace === SOAP11;
  const code = v11 ? child(fault, 'faultcode')?.text : child(child(fault, 'Code')!, 'Value')?.text;
  const reasonText = v11
    ? child(fault, 'faultstring')?.text
    : child(child(fault, 'Reason')!, 'Text')?.text;
  const detail = child(fault, v11 ? 'detail' : 'Detail')?.children[0];
  if (detail === undefined) throw new Error(`fault without detail: ${text}`);
  return {
    code: code ?? '',
    text: reasonText ?? '',
    detail,
    faultCode: Number(child(detail, 'code')?.text),
    reason: child(detail, 'reason')?.text ?? '',
  };
}
