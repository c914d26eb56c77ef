import type { Codec } from '../../codec';
import type { XmlElement, XmlLimits } from '../../codec/xml-tree';
import { GatewayError } from '../../errors/gateway-error';
import { IPS_COMMON_NS, IPS_LEGACY_NS } from '../../protocols/ips/namespaces';
import { readEnvelopeHead } from '../../soap/envelope';
import { textOf } from '../../soap/fault';
import type { SoapVersion } from '../../soap/version';
import { basicCredentialsOf } from '../../soap/credentials';

/** What an IPS caller presented: credentials and the per-request switches of authHeader. */
export interface IpsCaller {
  readonly user?: string;
  readonly password?: string;
  readonly locale?: string;
  readonly faultHttpStatusCode?: number;
  readonly gzipResponse?: boolean;
  /** Where the credentials came from, for logs and tests. */
  readonly via: 'authHeader' | 'versionedAuthHeader' | 'legacy' | 'basic' | 'none';
}

interface AuthHeaderJson {
  readonly user?: string;
  readonly password?: string;
  readonly locale?: string;
  readonly faultHttpStatusCode?: number;
  readonly gzipResponse?: boolean;
}

/** Codecs of the two authHeader variants. */
export interface AuthHeaderCodecs {
  readonly common: Codec;
  readonly versioned: Codec;
}

/** Whether a header block is one the IPS facade processes (for mustUnderstand). */
export function isIpsAuthHeader(header: XmlElement): boolean {
  if (header.local === 'authHeader')
    return header.ns === IPS_COMMON_NS || header.ns.startsWith(`${IPS_COMMON_NS}/`);
  return (
    header.ns === IPS_LEGACY_NS && (header.local === 'AuthUser' || header.local === 'AuthPassword')
  );
}

function fromAuthHeader(json: AuthHeaderJson, via: IpsCaller['via']): IpsCaller {
  const status = json.faultHttpStatusCode;
  return {
    via,
    ...(json.user === undefined ? {} : { user: json.user }),
    ...(json.password === undefined ? {} : { password: json.password }),
    ...(json.locale === undefined || json.locale === '' ? {} : { locale: json.locale }),
    // Only real HTTP statuses; anything else falls back to the default 500.
    ...(status !== undefined && status >= 200 && status <= 599
      ? { faultHttpStatusCode: status }
      : {}),
    ...(json.gzipResponse === undefined ? {} : { gzipResponse: json.gzipResponse }),
  };
}

/** HTTP Basic credentials, read as every SOAP facade reads them (soap/credentials.ts). */
function fromBasic(authorization: string | undefined): IpsCaller | undefined {
  const basic = basicCredentialsOf(authorization);
  return basic === undefined
    ? undefined
    : { via: 'basic', user: basic.user, password: basic.password };
}

/**
 * Reads the caller's IPS credentials in the documented order (scene7-ips.md §7.3): authHeader in
 * the unversioned or a dated namespace (either child order), then legacy AuthUser/AuthPassword,
 * then HTTP Basic. A malformed authHeader is a 30003, never ignored.
 */
export function readIpsCaller(
  headers: readonly XmlElement[],
  authorization: string | undefined,
  codecs: AuthHeaderCodecs,
): IpsCaller {
  const authHeader = headers.find(
    (header) => header.local === 'authHeader' && isIpsAuthHeader(header),
  );
  if (authHeader !== undefined) {
    const common = authHeader.ns === IPS_COMMON_NS;
    let json: AuthHeaderJson;
    try {
      json = (
        common
          ? codecs.common.decode(authHeader)
          : codecs.versioned.decode(authHeader, { namespace: authHeader.ns })
      ) as AuthHeaderJson;
    } catch (error) {
      throw new GatewayError(
        'GW_ERR_SOAP_MALFORMED',
        'The authHeader does not match the IPS schema.',
        { cause: error },
      );
    }
    return fromAuthHeader(json, common ? 'authHeader' : 'versionedAuthHeader');
  }
  const legacyUser = headers.find(
    (header) => header.ns === IPS_LEGACY_NS && header.local === 'AuthUser',
  );
  if (legacyUser !== undefined) {
    const legacyPassword = headers.find(
      (header) => header.ns === IPS_LEGACY_NS && header.local === 'AuthPassword',
    );
    return { via: 'legacy', user: textOf(legacyUser).trim(), password: textOf(legacyPassword) };
  }
  return fromBasic(authorization) ?? { via: 'none' };
}

/** Local names of the header blocks that can carry IPS credentials (their namespaces vary). */
const CREDENTIAL_BLOCKS = new Set(['authHeader', 'AuthUser', 'AuthPassword']);

/**
 * Reads the caller from the head of an envelope, before its Body (or any other header block) is
 * parsed: the same rules as readIpsCaller, on the credential blocks only. Undefined when the head
 * cannot be read cheaply (see readEnvelopeHead): then only the full parse can tell.
 */
export function preReadIpsCaller(
  text: string,
  request: {
    readonly version: SoapVersion;
    readonly authorization: string | undefined;
    readonly maxChars: number;
    readonly limits: Partial<XmlLimits>;
  },
  codecs: AuthHeaderCodecs,
): IpsCaller | undefined {
  const headers = readEnvelopeHead(text, request.version, {
    blocks: (local) => CREDENTIAL_BLOCKS.has(local),
    maxChars: request.maxChars,
    limits: request.limits,
  });
  return headers === undefined ? undefined : readIpsCaller(headers, request.authorization, codecs);
}
