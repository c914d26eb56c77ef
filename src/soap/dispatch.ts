import type { XmlElement } from '../codec/xml-tree';
import { GatewayError } from '../errors/gateway-error';

/** One operation of a document/literal SOAP service, found by its Body element. */
export interface SoapOperation<T> {
  /** Operation name; also the SOAPAction value a client may send. */
  readonly name: string;
  /** Local name of the request's Body element. */
  readonly element: string;
  readonly handler: T;
}

/**
 * Picks the operation from the Body element (never from SOAPAction), then checks that a
 * SOAPAction, when sent, names the same operation: a mismatch is SOAPAction spoofing
 * (security.md §1d) and gets a client fault. An empty action is accepted (SOAPAction is
 * advisory, scene7-ips.md §1.3).
 */
export function resolveOperation<T>(
  body: XmlElement,
  action: string,
  operations: ReadonlyMap<string, SoapOperation<T>>,
): SoapOperation<T> {
  const operation = operations.get(body.local);
  if (operation === undefined) {
    throw new GatewayError(
      'GW_ERR_SOAP_UNKNOWN_OPERATION',
      `No operation takes a ${body.local} element.`,
    );
  }
  if (action !== '') {
    // Clients send the bare name; some tools send a URI ending in /name or #name.
    const named = action.slice(Math.max(action.lastIndexOf('/'), action.lastIndexOf('#')) + 1);
    if (named !== operation.name) {
      throw new GatewayError(
        'GW_ERR_SOAP_ACTION_MISMATCH',
        `SOAPAction "${action}" does not match the Body element ${body.local}.`,
      );
    }
  }
  return operation;
}
