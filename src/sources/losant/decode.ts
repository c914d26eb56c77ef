import type { ValidateFunction } from 'ajv';
import { GatewayError } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { JobLog, JobLogsPage } from '../../schemas/types/losant-gateway-requirements';
import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import type { LosantJobLogs } from '../../schemas/types/losant-job-logs';
import type { InvalidRecord } from '../source';
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

const firstError = (validate: ValidateFunction<unknown>): { pointer: string; message: string } => {
  const first = validate.errors?.[0];
  return { pointer: first?.instancePath ?? '', message: first?.message ?? 'is invalid' };
};

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

  /** The first violation of a record, or undefined when the gateway can use it. */
  function check(item: unknown): { pointer: string; message: string } | undefined {
    if (!validatePublished(item)) return firstError(validatePublished);
    if (!validateAddressable(item)) return firstError(validateAddressable);
    return undefined;
  }

  return {
    page(body, page, first) {
      if (!validatePage(body)) {
        throw badResponse('a job log collection without an items array', [
          firstError(validatePage),
        ]);
      }
      const { items, ...envelope } = body;
      if (!validateEnvelope(envelope)) {
        const { pointer, message } = firstError(validateEnvelope);
        throw badResponse('a job log collection that fails its schema', [{ pointer, message }]);
      }
      const records: LosantRecord[] = [];
      const invalid: InvalidRecord[] = [];
      items.forEach((item, index) => {
        const problem = check(item);
        if (problem === undefined) {
          records.push(item as LosantRecord);
          return;
        }
        invalid.push({
          index: first + index,
          pointer: `/items/${index}${problem.pointer}`,
          message: `${problem.message} (page ${page})`,
        });
      });
      if (strict && invalid.length > 0) {
        throw badResponse(
          `${invalid.length} job log(s) that fail the Losant schema (strict mode)`,
          invalid.map(({ pointer, message }) => ({ pointer, message })),
        );
      }
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
