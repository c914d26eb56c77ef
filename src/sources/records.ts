import type { ValidateFunction } from 'ajv';
import { GatewayError, type UpstreamFailure } from '../errors/gateway-error';
import type { InvalidRecord } from '../contract';
import { jsonLimitExceeded, RECORD_LIMITS } from './json-limits';

/** The first schema violation of a record: where (a JSON pointer in the record) and what. */
export interface Violation {
  readonly pointer: string;
  readonly message: string;
}

/** A record check: undefined when the gateway can use the record, else its first violation. */
export type RecordCheck = (record: unknown) => Violation | undefined;

/** The first violation ajv found in its last run (allErrors stays off, so there is one). */
export function firstViolation(validate: ValidateFunction): Violation {
  const first = validate.errors?.[0];
  return { pointer: first?.instancePath ?? '', message: first?.message ?? 'is invalid' };
}

/**
 * A record check from one or more validators, applied in order, after the depth and size limits
 * of one record (RECORD_LIMITS): a record nested too deep, or too large, is a violation at its
 * root, so the gateway never holds a record it could not write back out.
 */
export function checkAgainst(...validators: readonly ValidateFunction[]): RecordCheck {
  return (record) => {
    const excess = jsonLimitExceeded(record, RECORD_LIMITS);
    if (excess !== undefined) return { pointer: '', message: `the record ${excess}` };
    for (const validate of validators) if (!validate(record)) return firstViolation(validate);
    return undefined;
  };
}

export interface SplitOptions {
  readonly sourceId: string;
  /** Reject the whole answer when one record is invalid (the source's `strict` setting). */
  readonly strict: boolean;
  /** Where a record sits in the whole answer: its index and the pointer to it. */
  readonly locate: (offset: number) => { readonly index: number; readonly pointer: string };
  /** What the records failed, for the strict-mode message (`the IPS schema`). */
  readonly schemaName: string;
  /** A note added to each reported violation (e.g. the page it was on). */
  readonly note?: string;
  readonly upstream?: UpstreamFailure;
}

/**
 * Splits an upstream's records into usable ones and reported invalid ones (position and first
 * violation). In strict mode any invalid record rejects the answer with
 * GW_ERR_UPSTREAM_BAD_RESPONSE. A record is never dropped silently.
 */
export function splitRecords<T>(
  items: readonly unknown[],
  check: RecordCheck,
  options: SplitOptions,
): { readonly records: T[]; readonly invalid: InvalidRecord[] } {
  const records: T[] = [];
  const invalid: InvalidRecord[] = [];
  items.forEach((item, offset) => {
    const violation = check(item);
    if (violation === undefined) {
      records.push(item as T);
      return;
    }
    const { index, pointer } = options.locate(offset);
    const message =
      options.note === undefined ? violation.message : `${violation.message} (${options.note})`;
    invalid.push({ index, pointer: `${pointer}${violation.pointer}`, message });
  });
  if (options.strict && invalid.length > 0) {
    throw new GatewayError(
      'GW_ERR_UPSTREAM_BAD_RESPONSE',
      `${options.sourceId} sent ${invalid.length} record(s) that fail ${options.schemaName} (strict mode).`,
      {
        source: options.sourceId,
        ...(options.upstream === undefined ? {} : { upstream: options.upstream }),
        errors: invalid.map(({ pointer, message }) => ({ pointer, message })),
      },
    );
  }
  return { records, invalid };
}
