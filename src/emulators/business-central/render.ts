import { LOG_ENTRY_MODEL, COMPANY_MODEL, type Row } from './model';
import type { SeedCompany, SeedLogEntry } from './seed-types';

/** A weak ETag shaped like BC's: W/"<base64 of '19;<row version>;00;'>" (§5). */
export function etagOf(rowVersion: string): string {
  return `W/"${Buffer.from(`'19;${rowVersion};00;'`, 'utf8').toString('base64')}"`;
}

/** URL of an entry's errorCallStack stream (the media read link) [I]. */
export function callStackUrl(apiBase: string, companyId: string, entryId: string): string {
  return `${apiBase}/companies(${companyId})/jobQueueLogEntries(${entryId})/errorCallStack`;
}

/** How to render entities: where the API lives, which properties, whether to link streams. */
export interface RenderContext {
  /** The API root as the request named it, e.g. http://127.0.0.1:PORT/v2.0/<tenant>/production/api/v2.0 */
  readonly apiBase: string;
  readonly select?: readonly string[];
  readonly mediaLinks: boolean;
}

/**
 * Renders a log entry as OData JSON (minimal metadata): `@odata.etag` first, properties in page
 * order, and the errorCallStack stream as `errorCallStack@odata.mediaReadLink` only, never inline
 * (§3.3 [I]).
 */
export function renderLogEntry(
  entry: SeedLogEntry,
  companyId: string,
  context: RenderContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': etagOf(entry.rowVersion) };
  const fields = entry.fields as unknown as Row;
  for (const name of Object.keys(LOG_ENTRY_MODEL.properties)) {
    if (context.select !== undefined && !context.select.includes(name)) continue;
    if (name === 'errorCallStack') {
      if (context.mediaLinks) {
        out['errorCallStack@odata.mediaReadLink'] = callStackUrl(
          context.apiBase,
          companyId,
          entry.fields.id,
        );
      }
      continue;
    }
    out[name] = fields[name];
  }
  return out;
}

/** Renders a company entity. */
export function renderCompany(
  company: SeedCompany,
  context: RenderContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': etagOf(String(company.timestamp)) };
  const fields = company as unknown as Row;
  for (const name of Object.keys(COMPANY_MODEL.properties)) {
    if (context.select === undefined || context.select.includes(name)) out[name] = fields[name];
  }
  return out;
}

/** `@odata.context` of a collection or entity: `<api>/$metadata#<set path>[(<select>)][/$entity]`. */
export function contextUrl(
  apiBase: string,
  setPath: string,
  select: readonly string[] | undefined,
  entity: boolean,
): string {
  const projection = select === undefined ? '' : `(${select.join(',')})`;
  return `${apiBase}/$metadata#${setPath}${projection}${entity ? '/$entity' : ''}`;
}
