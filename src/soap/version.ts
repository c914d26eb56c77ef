/** SOAP versions the gateway speaks. */
export type SoapVersion = '1.1' | '1.2';

/** Envelope namespace of each SOAP version. */
export const SOAP_ENVELOPE_NS: Readonly<Record<SoapVersion, string>> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

/** Content-Type of a message in each SOAP version (SOAP 1.1 §6.1.1, SOAP 1.2 part 2 §7.1.4). */
export function soapContentType(version: SoapVersion): string {
  return version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
}

/** SOAP version announced by a Content-Type, or undefined when it is neither SOAP media type. */
export function soapVersionOf(contentType: string | undefined): SoapVersion | undefined {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (type === 'text/xml') return '1.1';
  if (type === 'application/soap+xml') return '1.2';
  return undefined;
}
