/**
 * What the IPS endpoint's four job-log operations must answer in front of the test Scene7 source
 * (`scene7-test`, company `c|6`), taken from elsewhere than the IPS endpoint: the gateway's JSON
 * API (same source; each record's `raw` is the native IPS record) and, for
 * getAssetArchivedJobLogs, which the JSON API does not read, the emulator's seed. Records from any
 * SOAP stack are compared after `comparable`, which irons out how each stack reads XML.
 */
import { renderLogMessage, type Scene7AssetJobLog } from '../../../src/emulators/scene7';
import { ARCHIVED_JOB_LOGS_SINCE, ipsNamespace } from '../../../src/protocols/ips/namespaces';
import { getJson, type TestStack } from '../../helpers/gateway';

export const COMPANY = 'c|6';
/** Four job log entries (Adobe's two examples among them) and two archived ones. */
export const ASSET = 'a|732|1|535';
/** An upload with eight detail lines, per-file lines with asset handles and aux details. */
export const JOB = 'j|6||Add_2026-02-03-09:41:52';
/** More rows than the company has jobs, so getJobLogs answers all of them. */
export const NUM_ROWS = 500;
/** The caller's authHeader locale; the gateway reads upstream in the same. */
export const LOCALE = 'en-US';
/** The calling application, as the dated authHeader requires it. */
export const APP = { appName: 'LegacyDam', appVersion: '7.2' } as const;
/** The first IPS version whose WSDL has getAssetArchivedJobLogs, and its schema namespace. */
export const DATED_VERSION = ARCHIVED_JOB_LOGS_SINCE;
export const DATED_NS = ipsNamespace(DATED_VERSION);

/** The IPS endpoint's own WSDL (2014-04-03) and the dated one with getAssetArchivedJobLogs. */
export function ipsWsdlUrls(stack: TestStack): { wsdl: string; datedWsdl: string } {
  const base = stack.gateway.url;
  return {
    wsdl: `${base}/scene7/services/IpsApiService?wsdl`,
    datedWsdl: `${base}/scene7/webservice/IpsApi-${DATED_VERSION}.wsdl`,
  };
}

const DATE_TIME_FIELDS: ReadonlySet<string> = new Set([
  'logDate',
  'startDate',
  'endDate',
  'dateCreated',
]);

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0;
}

/**
 * A native IPS record (or list of them) as data any stack's reading agrees on: an array type's
 * `{ items }` wrapper is its list (node-soap and zeep keep it, the JSON API's `raw` does not), an
 * absent, nil or empty element is left out (zeep reads absent ones as None), and an xs:dateTime
 * is its instant in epoch ms (node-soap reads a Date, zeep an offset datetime, JSON the text).
 */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Date) return value.getTime();
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, field]) => !isEmpty(field));
  if (entries.length === 1 && entries[0]![0] === 'items') {
    const items = entries[0]![1];
    return comparable(Array.isArray(items) ? items : [items]);
  }
  const out: Record<string, unknown> = {};
  for (const [name, field] of entries) {
    const read =
      DATE_TIME_FIELDS.has(name) && (typeof field === 'string' || field instanceof Date)
        ? new Date(field).getTime()
        : comparable(field);
    if (!isEmpty(read)) out[name] = read;
  }
  return out;
}

/** Asset job log entries, comparable, oldest first (IPS's order; the JSON API lists newest first). */
export function inLogOrder(records: unknown): unknown[] {
  const list = comparable(records ?? []);
  const key = (record: unknown): string => {
    const { logDate, jobHandle, logType } = record as Record<string, unknown>;
    return `${String(logDate).padStart(16, '0')} ${String(jobHandle)} ${String(logType)}`;
  };
  return (list as unknown[]).slice().sort((a, b) => key(a).localeCompare(key(b)));
}

export interface IpsExpectations {
  /** getAssetJobLogs of ASSET: what GET /v1/job-logs?assetHandle= lists, in log order. */
  readonly assetJobLogs: unknown[];
  /** getJobLogs of COMPANY, StartDate Descending: every job GET /v1/job-logs lists, in its order. */
  readonly jobLogs: unknown[];
  /** getJobLogDetails of JOB: the one JobLog GET /v1/job-logs/{id} holds as raw, with its lines. */
  readonly jobLogDetails: unknown[];
  /** getAssetArchivedJobLogs of ASSET: the emulator's archived entries, in log order. */
  readonly archivedAssetJobLogs: unknown[];
}

interface JsonItem {
  readonly id: string;
  readonly raw: Record<string, unknown>;
}

async function readJson<T>(stack: TestStack, path: string): Promise<T> {
  const response = await getJson(stack, path);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** A whole listing of the test source: it must fit one page, with no source in error. */
async function listed(stack: TestStack, query: string): Promise<JsonItem[]> {
  const path = `/v1/job-logs?source=scene7-test&limit=${NUM_ROWS}${query}`;
  const page = await readJson<{ items: JsonItem[]; next?: string; errors: unknown[] }>(stack, path);
  if (page.next !== undefined || page.errors.length > 0)
    throw new Error(`GET ${path} is not one whole page: ${JSON.stringify(page.errors)}`);
  return page.items;
}

/** An archived seed entry as IPS sends it: its message rendered in the caller's locale. */
function asSent(entry: Scene7AssetJobLog): Record<string, unknown> {
  return {
    jobHandle: entry.jobHandle,
    jobName: entry.jobName,
    logMessage: renderLogMessage(entry.messageKey, entry.messageArgs, LOCALE),
    logType: entry.logType,
    submitUserEmail: entry.submitUserEmail,
    logDate: entry.logDate,
    auxArray: entry.auxArray.map((aux) => ({
      logMessage: renderLogMessage(aux.messageKey, aux.messageArgs, LOCALE),
      logType: aux.logType,
      dateCreated: aux.dateCreated,
    })),
  };
}

/** Reads the expectations from the gateway's JSON API and the emulator's seed. */
export async function ipsExpectations(stack: TestStack): Promise<IpsExpectations> {
  const asset = await listed(stack, `&assetHandle=${encodeURIComponent(ASSET)}`);
  const jobs = await listed(stack, '');
  const job = jobs.find((item) => item.raw.jobHandle === JOB);
  if (job === undefined) throw new Error(`GET /v1/job-logs does not list ${JOB}`);
  const detailed = await readJson<JsonItem>(stack, `/v1/job-logs/${encodeURIComponent(job.id)}`);
  const archived = stack.scene7.seed.archivedAssetJobLogs.filter(
    (entry) => entry.companyHandle === COMPANY && entry.assetHandle === ASSET,
  );
  const expected = {
    assetJobLogs: inLogOrder(asset.map((item) => item.raw)),
    jobLogs: comparable(jobs.map((item) => item.raw)) as unknown[],
    jobLogDetails: comparable([detailed.raw]) as unknown[],
    archivedAssetJobLogs: inLogOrder(archived.map(asSent)),
  };
  // An empty expectation would let a stack that read nothing pass.
  const empty = Object.entries(expected).filter(([, records]) => records.length === 0);
  if (empty.length > 0 || !Array.isArray(detailed.raw.detailArray))
    throw new Error(`nothing to compare with: ${empty.map(([name]) => name).join(', ')}`);
  return expected;
}
