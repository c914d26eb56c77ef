import type { ValidateFunction } from 'ajv';
import type { Codec } from '../../codec';
import { xsdDateTimeToUtc } from '../../codec';
import type { XmlElement } from '../../codec/xml-tree';
import type { CallContext, JobLogQuery, Scene7Input } from '../../contract';
import { GatewayError } from '../../errors/gateway-error';
import type { JobLogService } from '../../joblogs/service';
import { IPS_OPERATIONS, ipsCodecs, type IpsOperationName } from '../../protocols/ips/codecs';
import { hasAuxArray } from '../../protocols/ips/namespaces';
import type { SchemaRegistry } from '../../schemas/registry';
import type {
  GetAssetJobLogsParam,
  GetJobLogDetailsParam,
  GetJobLogsParam,
} from '../../schemas/types/scene7-ips';

/** Most records one IPS call returns through the gateway (IPS documents no maximum). */
const MAX_RECORDS = 10_000;
/** getJobLogs numRows when the caller gives none (not documented by Adobe; our choice). */
const DEFAULT_NUM_ROWS = 1000;

/** getJobLogs sortBy values the facade can apply to JobLog records (Job Log Sort Fields). */
const SORT_FIELDS: Readonly<Record<string, string>> = {
  JobName: 'jobName',
  LogType: 'logType',
  StartDate: 'startDate',
  Email: 'submitUserEmail',
  FileErrorCount: 'fileErrorCount',
  FileWarningCount: 'fileWarningCount',
  FileSuccessCount: 'fileSuccessCount',
};

export interface IpsOperationContext {
  readonly call: CallContext;
  /** The dated namespace the caller used; the answer uses it too. */
  readonly namespace: string;
  /** Its API version (`2014-04-03`). */
  readonly version: string;
  /** The caller's IPS credentials, sent upstream by sources in `passthrough` mode. */
  readonly credentials?: Scene7Input['credentials'];
}

export interface IpsOperation {
  readonly name: IpsOperationName;
  readonly element: string;
  /** Decodes the Param element, runs the query, and returns the serialized Return element. */
  run(body: XmlElement, context: IpsOperationContext): Promise<string>;
}

function decodeParam<T>(codec: Codec, validate: ValidateFunction<T>, body: XmlElement): T {
  let value: unknown;
  try {
    value = codec.decode(body, { namespace: body.ns });
  } catch (error) {
    throw new GatewayError(
      'GW_ERR_SOAP_MALFORMED',
      `${body.local} does not match the IPS schema.`,
      { cause: error },
    );
  }
  if (validate(value)) return value;
  const first = validate.errors?.[0];
  if (first?.keyword === 'required') {
    const name = String((first.params as { missingProperty?: unknown }).missingProperty);
    throw new GatewayError('GW_ERR_MISSING_PARAMETER', `Missing parameter ${name}.`, {
      parameter: name,
    });
  }
  const name = first?.instancePath.slice(1) ?? body.local;
  throw new GatewayError(
    'GW_ERR_INVALID_PARAMETER',
    `Invalid parameter ${name}: ${first?.message ?? 'is invalid'}.`,
    { parameter: name },
  );
}

function dateParam(value: string, name: string): string {
  const utc = xsdDateTimeToUtc(value);
  if (utc === undefined)
    throw new GatewayError(
      'GW_ERR_INVALID_PARAMETER',
      `Invalid parameter ${name}: not an xsd:dateTime.`,
      { parameter: name },
    );
  return utc;
}

function requireText(value: string, name: string): void {
  if (value.trim() === '')
    throw new GatewayError('GW_ERR_MISSING_PARAMETER', `Missing parameter ${name}.`, {
      parameter: name,
    });
}

type NativeRecord = Record<string, unknown>;

/**
 * Reads the native IPS records of one query by pass-through: exactly what IPS sent, checked
 * against the IPS schema. A record that fails it cannot be answered faithfully, so the call
 * fails rather than leaving a silent gap.
 */
async function readNative(
  service: JobLogService,
  source: string,
  query: JobLogQuery,
  call: CallContext,
): Promise<NativeRecord[]> {
  const result = await service.listNative({ sources: [source], query }, call);
  const pages = result.pages;
  const invalid = pages.reduce((sum, page) => sum + page.invalid.length, 0);
  if (invalid > 0) {
    throw new GatewayError(
      'GW_ERR_UPSTREAM_BAD_RESPONSE',
      `The upstream sent ${invalid} job log(s) that do not match the IPS schema.`,
    );
  }
  return pages.flatMap((page) => page.records as NativeRecord[]);
}

function withoutAuxArray(records: NativeRecord[], version: string): NativeRecord[] {
  if (hasAuxArray(version)) return records;
  return records.map(({ auxArray: _omitted, ...rest }) => rest);
}

/** JobLogs whose detail lines lose auxArray where the caller's version has none (4.5, 2010-01-31). */
function withoutDetailAuxArray(records: NativeRecord[], version: string): NativeRecord[] {
  if (hasAuxArray(version)) return records;
  return records.map((record) =>
    Array.isArray(record.detailArray)
      ? { ...record, detailArray: withoutAuxArray(record.detailArray as NativeRecord[], version) }
      : record,
  );
}

function sortJobLogs(
  records: Record<string, unknown>[],
  sortBy: string | undefined,
  direction: string | undefined,
): Record<string, unknown>[] {
  if (sortBy === undefined) return records;
  const field = Object.hasOwn(SORT_FIELDS, sortBy) ? SORT_FIELDS[sortBy] : undefined;
  if (field === undefined) {
    throw new GatewayError(
      'GW_ERR_INVALID_PARAMETER',
      `sortBy "${sortBy.slice(0, 64)}" is not supported here (use ${Object.keys(SORT_FIELDS).join(', ')}).`,
      { parameter: 'sortBy' },
    );
  }
  const descending = direction !== undefined && /^desc/i.test(direction);
  const key = (record: Record<string, unknown>): string | number => {
    const value = record[field];
    if (typeof value === 'number') return value;
    if (field === 'startDate' && typeof value === 'string') return xsdDateTimeToUtc(value) ?? '';
    return typeof value === 'string' ? value : '';
  };
  return [...records].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

/** The caller's credentials as the Scene7 source's input (passthrough mode only). */
function inputOf(context: IpsOperationContext): Scene7Input {
  return context.credentials === undefined ? {} : { credentials: context.credentials };
}

/** Builds the IPS operations the gateway answers, their codecs compiled once. */
export function createIpsOperations(
  registry: SchemaRegistry,
  service: JobLogService,
  sourceId: string | undefined,
): IpsOperation[] {
  const { params, returns } = ipsCodecs(registry);
  const { getAssetJobLogs, getJobLogs, getJobLogDetails } = IPS_OPERATIONS;
  // getAssetArchivedJobLogsParam has the same shape as getAssetJobLogsParam (scene7-ips.md §3.3).
  const validateAssetParam = registry.validator<GetAssetJobLogsParam>(
    `scene7-ips#/$defs/${getAssetJobLogs.paramDef}`,
  );
  const validateJobsParam = registry.validator<GetJobLogsParam>(
    `scene7-ips#/$defs/${getJobLogs.paramDef}`,
  );
  const validateDetailsParam = registry.validator<GetJobLogDetailsParam>(
    `scene7-ips#/$defs/${getJobLogDetails.paramDef}`,
  );

  function source(): string {
    if (sourceId === undefined)
      throw new GatewayError(
        'GW_ERR_INTERNAL',
        'No scene7 source is configured for the IPS endpoint.',
      );
    return sourceId;
  }

  /** getAssetJobLogs, or (`archived`) getAssetArchivedJobLogs: the same param and records. */
  function assetOperation(name: 'getAssetJobLogs' | 'getAssetArchivedJobLogs'): IpsOperation {
    return {
      name,
      element: IPS_OPERATIONS[name].param,
      async run(body, context) {
        const param = decodeParam<GetAssetJobLogsParam>(params[name], validateAssetParam, body);
        requireText(param.companyHandle, 'companyHandle');
        requireText(param.assetHandle, 'assetHandle');
        const records = await readNative(
          service,
          source(),
          {
            limit: MAX_RECORDS,
            forType: {
              scene7: {
                ...inputOf(context),
                companyHandle: param.companyHandle,
                assetHandle: param.assetHandle,
                ...(name === 'getAssetArchivedJobLogs' ? { archived: true } : {}),
              },
            },
          },
          context.call,
        );
        const jobLogArray = withoutAuxArray(records, context.version);
        return returns[name].encode({ jobLogArray }, { namespace: context.namespace });
      },
    };
  }

  return [
    assetOperation('getAssetJobLogs'),
    {
      name: 'getJobLogs',
      element: getJobLogs.param,
      async run(body, context) {
        const param = decodeParam<GetJobLogsParam>(params.getJobLogs, validateJobsParam, body);
        if (param.userHandle !== undefined) {
          throw new GatewayError(
            'GW_ERR_INVALID_PARAMETER',
            'userHandle is not supported through the gateway.',
            { parameter: 'userHandle' },
          );
        }
        const since =
          param.startDate === undefined ? undefined : dateParam(param.startDate, 'startDate');
        // IPS endDate is inclusive, the query's `until` exclusive: one millisecond later.
        const endDate =
          param.endDate === undefined ? undefined : dateParam(param.endDate, 'endDate');
        const until =
          endDate === undefined ? undefined : new Date(Date.parse(endDate) + 1).toISOString();
        const companyHandle = param.companyHandle;
        const records = await readNative(
          service,
          source(),
          {
            ...(since === undefined ? {} : { since }),
            ...(until === undefined ? {} : { until }),
            limit: Math.min(param.numRows ?? DEFAULT_NUM_ROWS, MAX_RECORDS),
            forType: {
              scene7: {
                ...inputOf(context),
                ...(companyHandle === undefined ? {} : { companyHandle }),
              },
            },
          },
          context.call,
        );
        const jobLogArray = sortJobLogs(records, param.sortBy, param.sortDirection);
        return returns.getJobLogs.encode({ jobLogArray }, { namespace: context.namespace });
      },
    },
    {
      name: 'getJobLogDetails',
      element: getJobLogDetails.param,
      // Every parameter goes upstream as given: IPS pages, filters and sorts the details.
      async run(body, context) {
        const { companyHandle, ...details } = decodeParam<GetJobLogDetailsParam>(
          params.getJobLogDetails,
          validateDetailsParam,
          body,
        );
        requireText(companyHandle, 'companyHandle');
        const records = await readNative(
          service,
          source(),
          {
            limit: MAX_RECORDS,
            forType: { scene7: { ...inputOf(context), companyHandle, jobLogDetails: details } },
          },
          context.call,
        );
        const jobLogArray = withoutDetailAuxArray(records, context.version);
        return returns.getJobLogDetails.encode({ jobLogArray }, { namespace: context.namespace });
      },
    },
    assetOperation('getAssetArchivedJobLogs'),
  ];
}
