import type { CallContext, Scene7Input } from '../../contract';
import { GatewayError } from '../../errors/gateway-error';
import { ipsCodecs } from '../../protocols/ips/codecs';
import type { AssetJobLog, JobLog, JobLogDetail } from '../../schemas/types/scene7-ips';
import type { Scene7Source as Scene7SourceConfig } from '../../schemas/types/config';
import { nextPage } from '../budget';
import {
  defineSource,
  type NormalizedJobLog,
  type SourceCallContext,
  type SourceQuery,
} from '../define';
import { createScene7Client, type Scene7Credentials } from './client';
import { createScene7Decoder } from './decode';
import { assetJobLogToUnified, jobLogToUnified } from './normalize';
import { decodeRecordKey } from './key';
import { DETAILS_PER_PAGE, jobLogDetailsCall, MAX_NUM_ROWS, toScene7Call } from './query';

/** Most pages of detail lines one record reads: the unified record holds 100000 details. */
const MAX_DETAIL_PAGES = 100;

export type { Scene7SourceConfig };

/**
 * A native IPS record: AssetJobLog from getAssetJobLogs (or getAssetArchivedJobLogs), JobLog from
 * getJobLogs (or, with its detail lines, getJobLogDetails).
 */
export type Scene7Record = AssetJobLog | JobLog;

function credentialsFor(
  config: Scene7SourceConfig,
  input: Scene7Input | undefined,
): Scene7Credentials {
  const { mode, user, password } = config.credentials;
  if (mode === 'passthrough' && input?.credentials !== undefined) {
    return { ...input.credentials, owner: 'caller' };
  }
  if (user === undefined || password === undefined) {
    throw new GatewayError(
      'GW_ERR_FORBIDDEN',
      `${config.id} has no service credentials; only SOAP callers with their own IPS credentials can read it.`,
      { source: config.id },
    );
  }
  return { user, password, owner: 'gateway' };
}

/**
 * The Scene7 IPS source: getAssetJobLogs when the query names an asset, getJobLogDetails when it
 * carries its parameters, getJobLogs otherwise; records are validated against
 * schemas/scene7-ips.schema.json and normalized. Reading one job adds its detail lines.
 */
export const createScene7Source = defineSource('scene7', (config: Scene7SourceConfig, deps) => {
  const codecs = ipsCodecs(deps.registry);
  const client = createScene7Client(
    {
      sourceId: config.id,
      url: config.url,
      apiVersion: config.apiVersion,
      soapVersion: config.soapVersion ?? '1.1',
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      appName: config.appName,
      appVersion: config.appVersion,
      maxAttempts: config.maxAttempts,
      compression: config.compression,
    },
    codecs,
    deps.http,
  );
  const decoder = createScene7Decoder(config.id, deps.registry, config.strict);

  async function read(query: SourceQuery<'scene7'>, context: CallContext) {
    const call = toScene7Call(query, config.companyHandle);
    const returned = await client.call(call, credentialsFor(config, query.input), context);
    switch (call.operation) {
      case 'getAssetJobLogs':
      case 'getAssetArchivedJobLogs':
        return { ...decoder.assetJobLogs(returned, call.operation), more: false };
      case 'getJobLogDetails':
        // The job logs asked for, all at once: IPS pages their details, not the jobs.
        return { ...decoder.jobLogs(returned, call.operation), more: false };
      case 'getJobLogs': {
        const { records, invalid } = decoder.jobLogs(returned);
        // A full answer may have left records behind: numRows is all IPS says about more.
        const more = records.length + invalid.length >= (call.param.numRows ?? MAX_NUM_ROWS);
        return { records, invalid, more };
      }
    }
  }

  /**
   * The job as getJobLogDetails answers it, with every page of its detail lines (up to the
   * unified record's limit of details, and while the read's upstream calls last); the job itself
   * when IPS has no details for it.
   */
  async function withDetails(
    job: JobLog,
    companyHandle: string,
    context: SourceCallContext,
  ): Promise<JobLog> {
    const credentials = credentialsFor(config, undefined);
    const lines: JobLogDetail[] = [];
    let detailed: JobLog | undefined;
    for (let page = 1; page <= MAX_DETAIL_PAGES; page += 1) {
      const call = jobLogDetailsCall(companyHandle, job.jobHandle, page);
      const answer = await nextPage(context, page === 1, async () =>
        decoder.jobLogs(await client.call(call, credentials, context), call.operation),
      );
      if (answer === undefined) break;
      if (answer.invalid.length > 0) {
        throw new GatewayError(
          'GW_ERR_UPSTREAM_BAD_RESPONSE',
          `${config.id} sent job log details that do not match the IPS schema.`,
          { source: config.id },
        );
      }
      const found = answer.records.find((record) => record.jobHandle === job.jobHandle);
      if (found === undefined) break;
      detailed ??= found;
      const pageLines = found.detailArray ?? [];
      lines.push(...pageLines);
      const total = found.detailTotalRows ?? Number.POSITIVE_INFINITY;
      if (pageLines.length < DETAILS_PER_PAGE || lines.length >= total) break;
    }
    return detailed === undefined ? job : { ...detailed, detailArray: lines };
  }

  // The query says which operation answered, so which record type each native is.
  function normalize(record: Scene7Record, query: SourceQuery<'scene7'>): NormalizedJobLog {
    const assetHandle = query.input?.assetHandle;
    if (assetHandle === undefined) return jobLogToUnified(record as JobLog);
    const companyHandle = query.input?.companyHandle ?? config.companyHandle ?? '';
    return assetJobLogToUnified(companyHandle, assetHandle, record as AssetJobLog);
  }

  /** Reads with `query` and returns the first record that `pick` finds. */
  async function readOne(
    query: SourceQuery<'scene7'>,
    context: CallContext,
    pick: (record: Scene7Record) => boolean,
  ): Promise<Scene7Record | undefined> {
    return (await read(query, context)).records.find(pick);
  }

  return {
    read,
    normalize,
    async get(key, context) {
      const parsed = decodeRecordKey(key);
      if (parsed === undefined) return undefined;
      if (parsed[0] === 'a') {
        const [, companyHandle, assetHandle, jobHandle, logType, logDate] = parsed;
        const query = { input: { companyHandle, assetHandle }, limit: MAX_NUM_ROWS };
        const found = await readOne(query, context, (record) => {
          const log = record as AssetJobLog;
          return log.jobHandle === jobHandle && log.logType === logType && log.logDate === logDate;
        });
        return found === undefined ? undefined : normalize(found, query);
      }
      const [, companyHandle, jobHandle, startDate] = parsed;
      const window =
        startDate === ''
          ? {}
          : { since: startDate, until: new Date(Date.parse(startDate) + 1).toISOString() };
      const query = { ...window, input: { companyHandle }, limit: MAX_NUM_ROWS - 1 };
      const found = await readOne(query, context, (record) => record.jobHandle === jobHandle);
      if (found === undefined) return undefined;
      // The per-file lines are a separate read (getJobLogDetails), made for one job, never per list.
      return jobLogToUnified(await withDetails(found as JobLog, companyHandle, context));
    },
    async ping(context) {
      const status = await client.wsdlStatus(context);
      if (status !== 200) throw new Error(`WSDL answered HTTP ${status}`);
    },
  };
});
