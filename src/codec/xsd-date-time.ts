const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads an xsd:dateTime as an RFC 3339 UTC string, or undefined when it is not one. A value
 * without a zone is read as UTC (never in the host's local zone, which would make the result
 * depend on where the gateway runs).
 */
export function xsdDateTimeToUtc(value: string): string | undefined {
  const trimmed = value.trim();
  if (!XSD_DATE_TIME.test(trimmed)) return undefined;
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
