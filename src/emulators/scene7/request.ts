import { isOperationInVersion } from '../../protocols/ips/codecs';
import { findAuthHeaders, readAuthHeaderOptions, type AuthHeaderOptions } from './auth-header';
import { readCredentials, type Credentials } from './auth';
import { readEnvelope, type SoapVersion } from './envelope';
import { resolveLocale } from './messages';
import { apiVersionOfNamespace } from './namespaces';
import { operationOfElement, readParams, type IpsOperation, type Params } from './params';
import type { RecordedScene7Request } from './types';

/** The HTTP facts of a SOAP request that IPS looks at. */
export interface HttpFacts {
  readonly contentType?: string;
  readonly soapAction?: string;
  readonly authorization?: string;
  readonly acceptLanguage?: string;
}

/** A SOAP request read once, before anything answers it. */
export interface IpsExchange {
  readonly xml: string;
  readonly version: SoapVersion;
  /** The body element's local name, '' if unreadable. */
  readonly bodyElement: string;
  readonly namespace: string;
  /** Set when `problem` is null. */
  readonly operation: IpsOperation | null;
  readonly apiVersion: string | null;
  readonly params: Params | null;
  /** Why the request cannot be dispatched (ipsApiFault 30003), or null. */
  readonly problem: string | null;
  readonly credentials: Credentials;
  readonly options: AuthHeaderOptions;
  /** Resolved per §3.2. */
  readonly locale: string;
  readonly soapAction: string | null;
}

/**
 * Reads a request: envelope, operation, namespace, parameters and credentials. SOAPAction is
 * advisory (§1.3 [I]): it is recorded but the body element alone selects the operation.
 */
export function readExchange(xml: string, http: HttpFacts): IpsExchange {
  const reading = readEnvelope(xml, http.contentType);
  const headers = reading.envelope?.headers ?? [];
  const body = reading.envelope?.body;
  const authHeaders = findAuthHeaders(headers);
  const options = readAuthHeaderOptions(authHeaders[0]);
  const namespace = body?.namespace ?? '';
  const apiVersion = apiVersionOfNamespace(namespace);
  const operation = body === undefined ? null : operationOfElement(body.localName);
  let problem = reading.problem;
  let params: Params | null = null;
  if (problem === null && body !== undefined) {
    if (apiVersion === null) {
      problem = `The namespace '${namespace}' is not a supported IPS API namespace`;
    } else if (operation === null || !isOperationInVersion(operation, apiVersion)) {
      // An operation a later schema added is as unknown to an older one (§3.3).
      problem = `Unknown operation element '${body.localName}' in '${namespace}'`;
    } else {
      const read = readParams(body, operation);
      if (typeof read === 'string') problem = read;
      else params = read;
    }
  }
  return {
    xml,
    version: reading.version,
    bodyElement: body?.localName ?? '',
    namespace,
    operation: problem === null ? operation : null,
    apiVersion,
    params,
    problem,
    credentials: readCredentials(authHeaders, headers, http.authorization),
    options,
    locale: resolveLocale(options.locale, http.acceptLanguage),
    soapAction: readSoapAction(http),
  };
}

/** Summarizes an exchange for `emulator.requests`. */
export function toRecordedRequest(exchange: IpsExchange): RecordedScene7Request {
  return {
    operation: exchange.bodyElement.replace(/Param$/, ''),
    soapVersion: exchange.version,
    namespace: exchange.namespace,
    user: exchange.credentials.user,
    authVariant: exchange.credentials.variant,
    soapAction: exchange.soapAction,
    locale: exchange.options.locale,
  };
}

function readSoapAction(http: HttpFacts): string | null {
  if (http.soapAction !== undefined) return http.soapAction.trim().replace(/^"(.*)"$/, '$1');
  const action = /;\s*action\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(http.contentType ?? '');
  return action === null ? null : (action[2] ?? action[1] ?? null);
}
