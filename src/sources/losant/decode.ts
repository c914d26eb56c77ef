import { GatewayError } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { JobLog, JobLogsPage } from '../../schemas/types/losant-gateway-requirements';
import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import type { LosantJobLogs } from '../../schemas/types/losant-job-logs';
import { checkAgainst, firstViolation, splitRecords } from '../records';
import type { InvalidRecord } from '../../contract';
import type { LosantRecord } from './normalize';

/** One collection page, split into usable records and reported invalid ones. */
export interface DecodedPage {
  readonly records: readonly LosantRecord[];
  readonly invalid: readonly InvalidRecord[];
  /** Items on the page, valid or not (an empty page ends the read). */
  readonly itemCount: number;
  /** Matches across all pages, when Losant says. */
  readonly totalCount: number | undefined;
}

export interface LosantDecoder {
  /** Validates a collection answer; `first` is the position of its first item in the whole read. */
  page(body: unknown, page: number, first: number): DecodedPage;
  /** Validates a single job log answer; an invalid one is a bad response in any mode. */
  record(body: unknown): LosantRecord;
}

/**
 * Creates the decoder of Losant answers. Every item is validated with ajv against Losant's
 * published schema (losant-job-log, as loose as Losant's contract: nothing is required) and then
 * against the gateway's own needs (losant-gateway-requirements: an `id`); the envelope is checked
 * against losant-job-logs. An invalid record is reported with its position, or rejects the whole
 * answer in strict mode; it is never dropped silently.
 */
export function createLosantDecoder(
  sourceId: string,
  registry: SchemaRegistry,
  strict: boolean,
): LosantDecoder {
  const validatePublished = registry.validator<LosantJobLog>('losant-job-log');
  const validateAddressable = registry.validator<JobLog>(
    'losant-gateway-requirements#/definitions/JobLog',
  );
  const validatePage = registry.validator<JobLogsPage>(
    'losant-gateway-requirements#/definitions/JobLogsPage',
  );
  const validateEnvelope = registry.validator<LosantJobLogs>('losant-job-logs');

  const badResponse = (
    why: string,
    errors?: ReadonlyArray<{ pointer: string; message: string }>,
  ): GatewayError =>
    new GatewayError('GW_ERR_UPSTREAM_BAD_RESPONSE', `${sourceId} sent ${why}.`, {
      source: sourceId,
      ...(errors === undefined ? {} : { errors }),
    });

  /** Losant's published schema first, then what the gateway itself needs (an `id`). */
  const check = checkAgainst(validatePublished, validateAddressable);

  return {
    page(body, page, first) {
      if (!validatePage(body)) {
        throw badResponse('a job log collection without an items array', [
          firstViolation(validatePage),
        ]);
      }
      const { items, ...envelope } = body;
      if (!validateEnvelope(envelope)) {
        throw badResponse('a job log collection that fails its schema', [
          firstViolation(validateEnvelope),
        ]);
      }
      const { records, invalid } = splitRecords<LosantRecord>(items, check, {
        sourceId,
        strict,
        schemaName: 'the Losant schema',
        note: `page ${page}`,
        locate: (offset) => ({ index: first + offset, pointer: `/items/${offset}` }),
      });
      return { records, invalid, itemCount: items.length, totalCount: envelope.totalCount };
    },

    record(body) {
      const problem = check(body);
      if (problem !== undefined)
        throw badResponse('a job log that fails the Losant schema', [problem]);
      return body as LosantRecord;
    },
  };
}
