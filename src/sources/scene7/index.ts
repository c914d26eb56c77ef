import type { CallContext, Scene7Input } from '../../contract';
import { GatewayError } from '../../errors/gateway-error';
import { ipsCodecs } from '../../protocols/ips/codecs';
import type { AssetJobLog, JobLog } from '../../schemas/types/scene7-ips';
import type { Scene7Source as Scene7SourceConfig } from '../../schemas/types/config';
import { defineSource, type NormalizedJobLog, type SourceQuery } from '../define';
import { createScene7Client, type Scene7Credentials } from './client';
import { createScene7Decoder } from './decode';
import { assetJobLogToUnified, jobLogToUnified } from './normalize';
import { decodeRecordKey } from './key';
import { MAX_NUM_ROWS, toScene7Call } from './query';

export type { Scene7SourceConfig };

/** A native IPS record: AssetJobLog from getAssetJobLogs, JobLog from getJobLogs. */
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
 * The Scene7 IPS source: getAssetJobLogs when the query names an asset, getJobLogs otherwise;
 * records are validated against schemas/scene7-ips.schema.json and normalized.
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
    if (call.operation === 'getAssetJobLogs') {
      return { ...decoder.assetJobLogs(returned), more: false };
    }
    const { records, invalid } = decoder.jobLogs(returned);
    // A full answer may have left records behind: numRows is all IPS says about more.
    const more = records.length + invalid.length >= (call.param.numRows ?? MAX_NUM_ROWS);
    return { records, invalid, more };
  }

  // The query says which operation answered, so which record type each native is.
  function normalize(record: Scene7Record, query: SourceQuery<'scene7'>): NormalizedJobLog {
    const assetHandle = query.input?.assetHandle;
    if (assetHandle === undefined) return jobLogToUnified(record as JobLog);
    const companyHandle = query.input?.companyHandle ?? config.companyHandle ?? '';
    return assetJobLogToUnified(companyHandle, assetHandle, record as AssetJobLog);
  }

  /** Reads with `query` and normalizes the first record that `pick` finds. */
  async function readOne(
    query: SourceQuery<'scene7'>,
    context: CallContext,
    pick: (record: Scene7Record) => boolean,
  ): Promise<NormalizedJobLog | undefined> {
    const found = (await read(query, context)).records.find(pick);
    return found === undefined ? undefined : normalize(found, query);
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
        return readOne(query, context, (record) => {
          const log = record as AssetJobLog;
          return log.jobHandle === jobHandle && log.logType === logType && log.logDate === logDate;
        });
      }
      const [, companyHandle, jobHandle, startDate] = parsed;
      const window =
        startDate === ''
          ? {}
          : { since: startDate, until: new Date(Date.parse(startDate) + 1).toISOString() };
      const query = { ...window, input: { companyHandle }, limit: MAX_NUM_ROWS - 1 };
      return readOne(query, context, (record) => record.jobHandle === jobHandle);
    },
    async ping(context) {
      const status = await client.wsdlStatus(context);
      if (status !== 200) throw new Error(`WSDL answered HTTP ${status}`);
    },
  };
});
