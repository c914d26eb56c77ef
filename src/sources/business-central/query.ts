import type { SourceQuery } from '../define';
import { BLANK_DATE_TIME, nativeStatusesFor, STATUS_TABLE } from './normalize';

/** The property that is the record time (unified `time`), filtered for since/until and sorted on. */
export const RECORD_TIME_PROPERTY = 'startDateTime';

/** The OData query options of one list read. */
export interface ODataListParams {
  readonly filter?: string;
  readonly orderby: string;
  readonly top: number;
}

/** Where the source's API lives: `<baseUrl>/v2.0/<tenant>/<environment>/api/v2.0` (§2). */
export function apiBaseOf(config: {
  readonly baseUrl: string;
  readonly tenant: string;
  readonly environment: string;
}): string {
  const host = config.baseUrl.replace(/\/+$/, '');
  return `${host}/v2.0/${encodeURIComponent(config.tenant)}/${encodeURIComponent(config.environment)}/api/v2.0`;
}

/** An OData Edm.DateTimeOffset literal: unquoted, UTC, milliseconds (§5). */
export function dateTimeLiteral(rfc3339: string): string {
  return new Date(rfc3339).toISOString();
}

/** An OData string literal: single-quoted, quotes doubled. */
export function stringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const ALL_FILTERABLE = STATUS_TABLE.filter(({ filter }) => filter).length;

/** The properties the unified job name and message come from (normalize.ts). */
const TEXT_PROPERTIES = ['description', 'errorMessage'] as const;

/**
 * The free-text clause: `contains(tolower(p),'<text>')` over the properties `job.name`
 * (description) and `message` (errorMessage, else description) are made of, so BC sends every
 * record the gateway's matchesText keeps (and possibly a few more, which the skeleton drops).
 * `contains` and `tolower` are OData v4 canonical functions; business-central.md (§5) lists only
 * comparisons for BC, so that BC accepts them is inferred [I]. The text is lower-cased here with
 * toLowerCase, as matchesText does.
 */
function textClause(text: string): string {
  const literal = stringLiteral(text.toLowerCase());
  const terms = TEXT_PROPERTIES.map((property) => `contains(tolower(${property}),${literal})`);
  return `(${terms.join(' or ')})`;
}

/**
 * Maps a query onto OData options, pushing every filter down: since/until as
 * `startDateTime ge/lt` (with `gt 0001-01-01T00:00:00Z` when only `until` is given, so that
 * blank start dates, which have no record time, are not sent), statuses as their encoded native
 * names, free text as `contains(tolower(...))` over description and errorMessage, newest first (`id` breaks ties so pages are stable), and `$top` one over the limit to
 * learn whether there is more. Undefined when no native status can match (queued, warning,
 * unknown): nothing to ask.
 */
export function toODataListParams(
  query: SourceQuery<'business-central'>,
): ODataListParams | undefined {
  const clauses: string[] = [];
  if (query.since !== undefined) {
    clauses.push(`${RECORD_TIME_PROPERTY} ge ${dateTimeLiteral(query.since)}`);
  }
  if (query.until !== undefined) {
    if (query.since === undefined) clauses.push(`${RECORD_TIME_PROPERTY} gt ${BLANK_DATE_TIME}`);
    clauses.push(`${RECORD_TIME_PROPERTY} lt ${dateTimeLiteral(query.until)}`);
  }
  if (query.status !== undefined) {
    const natives = nativeStatusesFor(query.status);
    if (natives.length === 0) return undefined;
    if (natives.length < ALL_FILTERABLE) {
      const terms = natives.map((native) => `status eq ${stringLiteral(native)}`);
      clauses.push(terms.length === 1 ? (terms[0] as string) : `(${terms.join(' or ')})`);
    }
  }
  if (query.text !== undefined) clauses.push(textClause(query.text));
  return {
    ...(clauses.length === 0 ? {} : { filter: clauses.join(' and ') }),
    orderby: `${RECORD_TIME_PROPERTY} desc,id desc`,
    top: query.limit + 1,
  };
}

// Percent-encodes a query value, leaving what OData URLs show plainly ($ , : ').
function encodeOption(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%3A/g, ':');
}

/** URL of a company's jobQueueLogEntries with the given options. */
export function listUrl(apiBase: string, companyId: string, params: ODataListParams): string {
  const options: Array<[string, string]> = [];
  if (params.filter !== undefined) options.push(['$filter', params.filter]);
  options.push(['$orderby', params.orderby], ['$top', String(params.top)]);
  const search = options.map(([name, value]) => `${name}=${encodeOption(value)}`).join('&');
  return `${entriesUrl(apiBase, companyId)}?${search}`;
}

/** URL of a company's jobQueueLogEntries collection (no options). */
export function entriesUrl(apiBase: string, companyId: string): string {
  return `${apiBase}/companies(${companyId})/jobQueueLogEntries`;
}

/** URL of one entry (`jobQueueLogEntries({id})`, §2). */
export function entryUrl(apiBase: string, companyId: string, entryId: string): string {
  return `${entriesUrl(apiBase, companyId)}(${entryId})`;
}
