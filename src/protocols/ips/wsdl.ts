import { ipsNamespace, isVersionFrom, WSDL_DEFAULT_VERSION } from './namespaces';

/** A part of wsdl/IpsApi.wsdl that only API versions from `since` on define, with its lines. */
const SINCE_PART = /^[ \t]*<!-- since (\S+) -->\r?\n[\s\S]*?^[ \t]*<!-- end since -->\r?\n/gm;

/**
 * The IPS WSDL of one API version from the template (wsdl/IpsApi.wsdl, written in the default
 * version's namespace): the schema namespace substituted, and the parts marked `since V` left out
 * for a version before V, so each version lists only the operations its schema defines.
 */
export function ipsWsdlOfVersion(template: string, version: string): string {
  const parts = template.replace(SINCE_PART, (part, since: string) =>
    isVersionFrom(version, since) ? part : '',
  );
  return parts.split(ipsNamespace(WSDL_DEFAULT_VERSION)).join(ipsNamespace(version));
}
