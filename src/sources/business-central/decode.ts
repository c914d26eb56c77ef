import { GatewayError } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type {
  BusinessCentralJobQueueLogEntry,
  JobQueueLogEntryCollection,
} from '../../schemas/types/business-central-job-queue-log-entry';
import { checkAgainst, firstViolation, splitRecords } from '../records';
import type { InvalidRecord } from '../../contract';

/** One page of a jobQueueLogEntries answer, split into valid and reported invalid records. */
export interface DecodedPage {
  readonly records: readonly BusinessCentralJobQueueLogEntry[];
  readonly invalid: readonly InvalidRecord[];
  /** Entities on the page, valid or not. */
  readonly size: number;
  readonly nextLink?: string;
}

/** Wire bytes -> validated native records. */
export interface BusinessCentralDecoder {
  /**
   * Decodes a collection page. `firstIndex` is the position of its first entity in the whole
   * answer: indexes and pointers (`/value/<index>/...`) count across pages, as if all pages were
   * one `value` array.
   */
  page(body: Buffer, firstIndex: number): DecodedPage;
  /** Decodes a single entity (GET jobQueueLogEntries({id})); an invalid one is always a 502. */
  entity(body: Buffer): BusinessCentralJobQueueLogEntry;
}

const ENTITY = 'business-central-job-queue-log-entry';

/**
 * Creates the decoder of API answers: JSON parse, the OData envelope checked against
 * `JobQueueLogEntryCollection`, then every entity validated with ajv against the native schema
 * before anything reads it. An invalid entity is reported with its position, or rejects the
 * whole answer in strict mode; it is never dropped silently.
 */
export function createBusinessCentralDecoder(
  sourceId: string,
  registry: SchemaRegistry,
  strict: boolean,
): BusinessCentralDecoder {
  const validateEnvelope = registry.validator<JobQueueLogEntryCollection>(
    `${ENTITY}#/$defs/JobQueueLogEntryCollection`,
  );
  const validateEntity = registry.validator<BusinessCentralJobQueueLogEntry>(ENTITY);
  const checkEntity = checkAgainst(validateEntity);

  const bad = (why: string, errors?: Array<{ pointer: string; message: string }>): GatewayError =>
    new GatewayError(
      'GW_ERR_UPSTREAM_BAD_RESPONSE',
      `${sourceId} sent an invalid response: ${why}.`,
      {
        source: sourceId,
        upstream: { status: 200 },
        ...(errors === undefined ? {} : { errors }),
      },
    );

  function parse(body: Buffer): unknown {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw bad('the body is not JSON');
    }
  }

  return {
    page(body, firstIndex) {
      const envelope = parse(body);
      if (!validateEnvelope(envelope)) {
        const { pointer, message } = firstViolation(validateEnvelope);
        throw bad(`not an OData collection (${pointer || '/'} ${message})`);
      }
      const { records, invalid } = splitRecords<BusinessCentralJobQueueLogEntry>(
        envelope.value,
        checkEntity,
        {
          sourceId,
          strict,
          schemaName: 'the jobQueueLogEntry schema',
          upstream: { status: 200 },
          locate: (offset) => ({
            index: firstIndex + offset,
            pointer: `/value/${firstIndex + offset}`,
          }),
        },
      );
      const nextLink = envelope['@odata.nextLink'];
      return {
        records,
        invalid,
        size: envelope.value.length,
        ...(nextLink === undefined ? {} : { nextLink }),
      };
    },

    entity(body) {
      const entity = parse(body);
      const violation = checkEntity(entity);
      if (violation !== undefined) {
        throw bad('the record fails the jobQueueLogEntry schema', [violation]);
      }
      // @odata.context describes the answer, not the record: raw matches the listed entity.
      const { '@odata.context': _context, ...record } = entity as BusinessCentralJobQueueLogEntry;
      return record;
    },
  };
}
