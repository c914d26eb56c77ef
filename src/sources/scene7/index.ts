import { GatewayError } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { Scene7Source as Scene7SourceConfig } from '../../schemas/types/config';
import { matchesQuery } from '../filter';
import type { HttpExecutor } from '../http';
import type { CallContext, JobLogQuery, SourceAdapter, SourcePage } from '../../contract';
import { createScene7Client, type Scene7Credentials } from './client';
import { createScene7Decoder } from './decode';
import { assetJobLogToUnified, jobLogToUnified } from './normalize';
import { decodeRecordKey, MAX_NUM_ROWS, toScene7Call } from './query';

export type { Scene7SourceConfig };

export interface Scene7SourceDeps {
  readonly registry: SchemaRegistry;
  readonly http: HttpExecutor;
}

function credentialsFor(config: Scene7SourceConfig, context: CallContext): Scene7Credentials {
  const { mode, user, password } = config.credentials;
  if (mode === 'passthrough' && context.credentials !== undefined) {
    return { ...context.credentials, owner: 'caller' };
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
 * Builds the Scene7 IPS source: getAssetJobLogs when the query names an asset, getJobLogs
 * otherwise; records are validated against schemas/scene7-ips.schema.json and normalized.
 */
export function createScene7Source(
  config: Scene7SourceConfig,
  deps: Scene7SourceDeps,
): SourceAdapter {
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
    },
    deps.registry,
    deps.http,
  );
  const decoder = createScene7Decoder(config.id, deps.registry, config.strict);

  async function read(query: JobLogQuery, context: CallContext): Promise<SourcePage> {
    const call = toScene7Call(query, config.companyHandle);
    const returned = await client.call(call, credentialsFor(config, context), context);
    if (call.operation === 'getAssetJobLogs') {
      const { records, invalid } = decoder.assetJobLogs(returned);
      const { companyHandle, assetHandle } = call.param;
      const unified = records
        .map((record) => assetJobLogToUnified(config.id, companyHandle, assetHandle, record))
        .filter((record) => matchesQuery(record, query));
      return {
        records: unified.slice(0, query.limit),
        invalid,
        truncated: unified.length > query.limit,
      };
    }
    const { records, invalid } = decoder.jobLogs(returned);
    const unified = records
      .map((record) => jobLogToUnified(config.id, record))
      .filter((record) => matchesQuery(record, query));
    const upstreamFull = records.length + invalid.length >= (call.param.numRows ?? MAX_NUM_ROWS);
    return {
      records: unified.slice(0, query.limit),
      invalid,
      truncated: unified.length > query.limit || upstreamFull,
    };
  }

  return {
    id: config.id,
    type: 'scene7',
    list: read,
    async get(key, context) {
      const parsed = decodeRecordKey(key);
      if (parsed === undefined) return undefined;
      if (parsed[0] === 'a') {
        const [, companyHandle, assetHandle, jobHandle, logType, logDate] = parsed;
        const page = await read({ companyHandle, assetHandle, limit: MAX_NUM_ROWS }, context);
        return page.records.find((record) => {
          const raw = record.raw as { jobHandle: string; logType: string; logDate: string };
          return raw.jobHandle === jobHandle && raw.logType === logType && raw.logDate === logDate;
        });
      }
      const [, companyHandle, jobHandle, startDate] = parsed;
      const window =
        startDate === ''
          ? {}
          : { since: startDate, until: new Date(Date.parse(startDate) + 1).toISOString() };
      const page = await read({ companyHandle, ...window, limit: MAX_NUM_ROWS - 1 }, context);
      return page.records.find((record) => record.job.id === jobHandle);
    },
    async probe(context) {
      const started = Date.now();
      try {
        const response = await deps.http.send(
          {
            source: config.id,
            method: 'GET',
            url: `${config.url}?wsdl`,
            headers: {},
            timeoutMs: Math.min(config.timeoutMs, 5_000),
            maxResponseBytes: 4 * 1024 * 1024,
          },
          context,
        );
        const ok = response.status === 200;
        return {
          ok,
          latencyMs: Date.now() - started,
          ...(ok ? {} : { detail: `WSDL answered HTTP ${response.status}` }),
        };
      } catch (error) {
        return {
          ok: false,
          latencyMs: Date.now() - started,
          detail: error instanceof Error ? error.message : 'unreachable',
        };
      }
    },
  };
}
