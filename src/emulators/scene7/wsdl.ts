import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ipsWsdlOfVersion } from '../../protocols/ips/wsdl';
import { escapeXml } from './faults';
import { DEFAULT_API_VERSION, namespaceOfVersion } from './namespaces';

/** The project WSDL (written in the 2014-04-03 namespace); `src/` and `dist/` sit beside `wsdl/`. */
export const IPS_WSDL_PATH = join(__dirname, '..', '..', '..', 'wsdl', 'IpsApi.wsdl');

const TEMPLATE_NAMESPACE = namespaceOfVersion(DEFAULT_API_VERSION);
const ADDRESS = /(<[\w.-]+:address\s+location=")[^"]*(")/g;

/** The IPS WSDL in every dated version, with the service address rewritten on request. */
export class IpsWsdl {
  readonly #template: string;
  readonly #versions = new Map<string, string>();

  constructor(template: string) {
    if (!template.includes(TEMPLATE_NAMESPACE)) {
      throw new Error(`the IPS WSDL must use the ${TEMPLATE_NAMESPACE} namespace`);
    }
    this.#template = template;
  }

  /**
   * The WSDL of one API version: the schema namespace substituted, as the docs list them (§1.2),
   * and only the operations that version's schema defines (getAssetArchivedJobLogs from
   * 2021-01-11-beta on, §3.3).
   */
  forVersion(apiVersion: string): string {
    let text = this.#versions.get(apiVersion);
    if (text === undefined) {
      text = ipsWsdlOfVersion(this.#template, apiVersion);
      this.#versions.set(apiVersion, text);
    }
    return text;
  }

  /** The served document: soap:address and soap12:address point at `serviceUrl` (§1.1 ?serviceUrl=). */
  document(apiVersion: string, serviceUrl: string): string {
    const location = escapeXml(serviceUrl);
    return this.forVersion(apiVersion).replace(ADDRESS, (_m, open: string, close: string) => {
      return `${open}${location}${close}`;
    });
  }
}

/** Reads the project WSDL from disk. */
export async function loadIpsWsdl(path: string = IPS_WSDL_PATH): Promise<IpsWsdl> {
  return new IpsWsdl(await readFile(path, 'utf8'));
}
