import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { escapeAttribute } from '../../codec/escape';
import { GatewayError } from '../../errors/gateway-error';
import { isSupportedVersion } from '../../protocols/ips/namespaces';
import { ipsWsdlOfVersion } from '../../protocols/ips/wsdl';

/** Folder of the WSDL files (same depth from src/ and dist/). */
export const WSDL_DIR = resolve(__dirname, '..', '..', '..', 'wsdl');

const PLACEHOLDER_ADDRESS = 'http://localhost:8080/scene7/services/IpsApiService';

/**
 * Serves the IPS WSDL for any supported version (its namespace and its operations, see
 * ipsWsdlOfVersion) with the service address set to the gateway's own endpoint (or the caller's
 * `serviceUrl`, as IPS's own WSDL servlet allows, scene7-ips.md §1.1). Texts are built once per
 * version and cached.
 */
export function createIpsWsdl(file = resolve(WSDL_DIR, 'IpsApi.wsdl')) {
  const template = readFileSync(file, 'utf8');
  const byVersion = new Map<string, string>();

  return (version: string, address: string): string => {
    if (!isSupportedVersion(version)) {
      throw new GatewayError(
        'GW_ERR_NOT_FOUND',
        `There is no IPS WSDL for version "${version.slice(0, 40)}".`,
      );
    }
    let text = byVersion.get(version);
    if (text === undefined) {
      text = ipsWsdlOfVersion(template, version);
      if (byVersion.size < 64) byVersion.set(version, text);
    }
    return text
      .split(`location="${PLACEHOLDER_ADDRESS}"`)
      .join(`location="${escapeAttribute(address)}"`);
  };
}

/** Checks a caller-supplied `serviceUrl` (it is reflected into the WSDL). */
export function checkServiceUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 2048 || !/^https?:\/\/[^\s"<>]+$/.test(value)) {
    throw new GatewayError('GW_ERR_INVALID_PARAMETER', '"serviceUrl" must be an http(s) URL.', {
      parameter: 'serviceUrl',
    });
  }
  return value;
}
