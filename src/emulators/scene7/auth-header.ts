import { IPS_COMMON_NAMESPACE, isDatedIpsNamespace } from './namespaces';
import type { XmlElement } from './xml';

/** Which schema the `authHeader` came in (scene7-ips.md §1.4 a and b). */
export type AuthHeaderVariant = 'common' | 'versioned';

/** An `authHeader` block with its children by local name (first occurrence wins). */
export interface AuthHeader {
  readonly variant: AuthHeaderVariant;
  readonly fields: ReadonlyMap<string, string>;
}

/** The per-request options an `authHeader` carries besides credentials (§1.4 field semantics). */
export interface AuthHeaderOptions {
  readonly locale: string | null;
  readonly gzipResponse: boolean | null;
  readonly faultHttpStatusCode: number | null;
}

/**
 * Finds the `authHeader` blocks, the unversioned one first. The common variant is an xsd:all
 * and the versioned one a sequence; both are read by name, so child order never matters, and
 * the versioned one is accepted in any dated namespace (§1.4 b [I]) and without appName/appVersion.
 */
export function findAuthHeaders(headers: readonly XmlElement[]): AuthHeader[] {
  const common: AuthHeader[] = [];
  const versioned: AuthHeader[] = [];
  for (const block of headers) {
    if (block.localName !== 'authHeader') continue;
    if (block.namespace === IPS_COMMON_NAMESPACE) common.push(toAuthHeader(block, 'common'));
    else if (isDatedIpsNamespace(block.namespace)) versioned.push(toAuthHeader(block, 'versioned'));
  }
  return [...common, ...versioned];
}

/** Reads locale, gzipResponse and faultHttpStatusCode from the first `authHeader`. */
export function readAuthHeaderOptions(header: AuthHeader | undefined): AuthHeaderOptions {
  const fields = header?.fields;
  const locale = fields?.get('locale')?.trim();
  return {
    locale: locale === undefined || locale === '' ? null : locale,
    gzipResponse: parseXsdBoolean(fields?.get('gzipResponse')),
    faultHttpStatusCode: parseStatus(fields?.get('faultHttpStatusCode')),
  };
}

function toAuthHeader(block: XmlElement, variant: AuthHeaderVariant): AuthHeader {
  const fields = new Map<string, string>();
  for (const child of block.children) {
    if (child.namespace === block.namespace && !fields.has(child.localName)) {
      fields.set(child.localName, child.text);
    }
  }
  return { variant, fields };
}

function parseXsdBoolean(raw: string | undefined): boolean | null {
  const value = raw?.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return null;
}

// An out-of-range status could not be sent at all; such a value is ignored and 500 stays [I].
function parseStatus(raw: string | undefined): number | null {
  const value = raw?.trim() ?? '';
  if (!/^\d{3}$/.test(value)) return null;
  const status = Number(value);
  return status >= 200 && status <= 599 ? status : null;
}
