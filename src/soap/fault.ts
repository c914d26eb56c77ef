import type { XmlElement } from '../codec/xml-tree';
import { SOAP_ENVELOPE_NS, type SoapVersion } from '../errors/to-soap-fault';

/** A SOAP Fault read from a response, in either version's vocabulary. */
export interface ReadFault {
  /** Local part of faultcode / Code/Value (`Client`, `Sender`, `Server`, ...). */
  readonly code: string;
  /** faultstring / first Reason/Text. */
  readonly reason: string;
  /** First element inside detail / Detail, if any. */
  readonly detail: XmlElement | undefined;
}

function child(element: XmlElement | undefined, local: string, ns = ''): XmlElement | undefined {
  if (element === undefined) return undefined;
  for (const node of element.children) {
    if (typeof node !== 'string' && node.local === local && node.ns === ns) return node;
  }
  return undefined;
}

/** Concatenated text content of an element ('' for undefined). */
export function textOf(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  return element.children.map((node) => (typeof node === 'string' ? node : textOf(node))).join('');
}

function firstElement(element: XmlElement | undefined): XmlElement | undefined {
  return element?.children.find((node): node is XmlElement => typeof node !== 'string');
}

/** Reads a SOAP 1.1 or 1.2 Fault element (children of 1.1 faults are unqualified, SOAP 1.1 §4.4). */
export function readFault(fault: XmlElement, version: SoapVersion): ReadFault {
  if (version === '1.1') {
    const code = textOf(child(fault, 'faultcode')).trim();
    return {
      code: code.slice(code.indexOf(':') + 1),
      reason: textOf(child(fault, 'faultstring')).trim(),
      detail: firstElement(child(fault, 'detail')),
    };
  }
  const ns = SOAP_ENVELOPE_NS['1.2'];
  const value = textOf(child(child(fault, 'Code', ns), 'Value', ns)).trim();
  return {
    code: value.slice(value.indexOf(':') + 1),
    reason: textOf(child(child(fault, 'Reason', ns), 'Text', ns)).trim(),
    detail: firstElement(child(fault, 'Detail', ns)),
  };
}
