import type { UnifiedJobLog } from '../contract';
import type { Problem } from '../errors/to-problem';
import type { SourceInvalidRecords } from '../joblogs/service';

/** The formats of GET /v1/job-logs/export, by their `format` value. */
export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Turns an export's parts into text; each method returns whole lines. */
export interface ExportEncoder {
  readonly contentType: string;
  /** What comes before the first record (CSV: the header row). */
  head(): string;
  record(record: UnifiedJobLog): string;
  /** A source failed: its records from here on are missing. */
  sourceError(source: string, problem: Problem): string;
  /** Records of a source that failed validation and were left out. */
  invalid(invalid: SourceInvalidRecords): string;
  /** The export stopped before its end; the last line. */
  incomplete(problem: Problem): string;
}

/** Invalid-record details kept per line, as the listing keeps per page. */
const MAX_INVALID_DETAILS = 100;

/**
 * NDJSON (one JSON text per line, `\n`-terminated). A record line is the unified record exactly as
 * the listing gives it (it has no top-level `type`); every other line is an object with a `type`:
 * `error` (a source failed; its later records are missing), `invalid` (records left out) and
 * `incomplete` (last line: the export stopped early).
 */
export const ndjsonEncoder: ExportEncoder = {
  contentType: 'application/x-ndjson',
  head: () => '',
  record: (record) => `${JSON.stringify(record)}\n`,
  sourceError: (source, problem) =>
    `${JSON.stringify({ type: 'error', source, error: problem })}\n`,
  invalid: ({ source, records }) =>
    `${JSON.stringify({
      type: 'invalid',
      source,
      count: records.length,
      records: records.slice(0, MAX_INVALID_DETAILS),
    })}\n`,
  incomplete: (problem) => `${JSON.stringify({ type: 'incomplete', error: problem })}\n`,
};

/** The CSV columns, in order: flat fields of the unified record; `details` is their count. */
export const CSV_COLUMNS = [
  'id',
  'source',
  'sourceType',
  'jobId',
  'jobName',
  'status',
  'nativeStatus',
  'time',
  'queued',
  'started',
  'ended',
  'logged',
  'message',
  'user',
  'targetType',
  'targetId',
  'targetName',
  'targetContainer',
  'details',
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null | undefined>>;

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection":
// https://owasp.org/www-community/attacks/CSV_Injection); a leading single quote makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled;
 * text a spreadsheet would run as a formula gets a leading `'` first.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV row, CRLF-terminated (RFC 4180 §2). */
function csvLine(row: CsvRow): string {
  return `${CSV_COLUMNS.map((column) => csvField(row[column])).join(',')}\r\n`;
}

/** A problem in one cell: its code and detail. */
const problemText = (problem: Problem): string => `${problem.code}: ${problem.detail ?? ''}`;

/**
 * CSV (RFC 4180, a header row, CRLF). A record is one row. Rows that are no record have an `id`
 * starting with `#` (no record id can: it starts with a source id, a lower-case letter) and say
 * what happened in `message`, with the source in `source`: `#error` (a source failed; its later
 * records are missing), `#invalid` (with their count in `details`) and `#incomplete` (last row:
 * the export stopped early).
 */
export const csvEncoder: ExportEncoder = {
  contentType: 'text/csv; charset=utf-8',
  head: () => `${CSV_COLUMNS.join(',')}\r\n`,
  record: (record) =>
    csvLine({
      id: record.id,
      source: record.source.id,
      sourceType: record.source.type,
      jobId: record.job.id,
      jobName: record.job.name,
      status: record.status,
      nativeStatus: record.nativeStatus,
      time: record.time,
      queued: record.times.queued,
      started: record.times.started,
      ended: record.times.ended,
      logged: record.times.logged,
      message: record.message,
      user: record.user,
      targetType: record.target?.type,
      targetId: record.target?.id,
      targetName: record.target?.name,
      targetContainer: record.target?.container,
      details: record.details.length,
    }),
  sourceError: (source, problem) =>
    csvLine({ id: '#error', source, message: problemText(problem) }),
  invalid: ({ source, records }) =>
    csvLine({
      id: '#invalid',
      source,
      message: records
        .slice(0, MAX_INVALID_DETAILS)
        .map(({ index, pointer, message }) => `[${index}] ${pointer} ${message}`)
        .join('; '),
      details: records.length,
    }),
  incomplete: (problem) => csvLine({ id: '#incomplete', message: problemText(problem) }),
};

/** The encoder of a format. */
export function encoderFor(format: ExportFormat): ExportEncoder {
  return format === 'csv' ? csvEncoder : ndjsonEncoder;
}
