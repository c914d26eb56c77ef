import { CodecError, type Codec } from '../../codec';
import type { XmlElement } from '../../codec/xml-tree';
import { GatewayError } from '../../errors/gateway-error';
import { ipsCodecs } from '../../protocols/ips/codecs';
import type { SchemaRegistry } from '../../schemas/registry';
import type { AssetJobLog, JobLog } from '../../schemas/types/scene7-ips';
import { checkAgainst, splitRecords, type RecordCheck } from '../records';
import type { InvalidRecord } from '../../contract';

/** Native records of one IPS answer, split into valid ones and reported invalid ones. */
export interface DecodedRecords<T> {
  readonly records: readonly T[];
  readonly invalid: readonly InvalidRecord[];
}

export interface Scene7Decoder {
  /** getAssetJobLogsReturn, or the Return of another operation that answers AssetJobLogs. */
  assetJobLogs(
    element: XmlElement,
    operation?: 'getAssetJobLogs' | 'getAssetArchivedJobLogs',
  ): DecodedRecords<AssetJobLog>;
  /** getJobLogsReturn, or getJobLogDetailsReturn (JobLogs with their detail lines). */
  jobLogs(
    element: XmlElement,
    operation?: 'getJobLogs' | 'getJobLogDetails',
  ): DecodedRecords<JobLog>;
}

interface ArrayReturn {
  readonly jobLogArray?: readonly unknown[];
}

/**
 * Creates the decoder of IPS Return elements: XML -> JSON by the schema-driven codec (so one
 * `<items>` is still an array), then every record validated with ajv against its native schema.
 * An invalid record is reported with its position, or rejects the whole answer in strict mode;
 * it is never dropped silently.
 */
export function createScene7Decoder(
  sourceId: string,
  registry: SchemaRegistry,
  strict: boolean,
): Scene7Decoder {
  const { returns } = ipsCodecs(registry);
  const checkAsset = checkAgainst(registry.validator('scene7-ips#/$defs/AssetJobLog'));
  const checkJob = checkAgainst(registry.validator('scene7-ips#/$defs/JobLog'));

  function decodeArray<T>(
    codec: Codec,
    element: XmlElement,
    check: RecordCheck,
  ): DecodedRecords<T> {
    let decoded: ArrayReturn;
    try {
      decoded = codec.decode(element, { namespace: element.ns }) as ArrayReturn;
    } catch (error) {
      const where = error instanceof CodecError ? ` at ${error.path}` : '';
      throw new GatewayError(
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
        `${sourceId} sent a ${element.local} that does not match the IPS schema${where}.`,
        { source: sourceId, cause: error },
      );
    }
    return splitRecords<T>(decoded.jobLogArray ?? [], check, {
      sourceId,
      strict,
      schemaName: 'the IPS schema',
      locate: (index) => ({ index, pointer: `/jobLogArray/${index}` }),
    });
  }

  return {
    assetJobLogs: (element, operation = 'getAssetJobLogs') =>
      decodeArray<AssetJobLog>(returns[operation], element, checkAsset),
    jobLogs: (element, operation = 'getJobLogs') =>
      decodeArray<JobLog>(returns[operation], element, checkJob),
  };
}
