import { UNIFIED_STATUSES, type UnifiedStatus } from '../../contract';
import type { Prng } from './prng';

/**
 * What a test or the demo asks an emulator to append: one new job log whose status, read by the
 * gateway's adapter, is `status`. Each emulator adds fields of its own (company, asset, ...).
 */
export interface AppendJobLogInput {
  /** The unified status the record must have once the gateway has normalized it. */
  readonly status: UnifiedStatus;
  /** The native value to write instead of the default for `status` (see the emulator's table). */
  readonly nativeStatus?: string;
  /** The record time (RFC 3339 with an offset, or a Date); default now. Older values are late arrivals. */
  readonly time?: string | Date;
  /** The job's name as the system shows it. */
  readonly jobName?: string;
  /** The job's message (see the emulator's README for where it goes). */
  readonly message?: string;
}

/**
 * Unified status -> the native values an emulator may write for it, the default first; `[]`
 * when the record carries no native value (it reads as the status by its absence); undefined
 * when the system has no record the gateway would read as that status.
 */
export type AppendStatusTable = Readonly<Record<UnifiedStatus, readonly string[] | undefined>>;

/** What every emulator's append draws on besides its data: its own PRNG and its clock. */
export interface AppendRandomness {
  /** The emulator's append PRNG (not the seed's), so the same calls make the same records. */
  readonly prng: Prng;
  /** The clock of the default time (epoch ms). */
  readonly now: () => number;
}

/** Refused append input (a RangeError, like a bad injected fault); the admin route answers 400. */
export class AppendInputError extends RangeError {
  override readonly name = 'AppendInputError';
}

/** An append request after checking: the status, its native value and the record time. */
export interface CheckedAppend<Extra extends string> {
  readonly status: UnifiedStatus;
  /** The native value to write; undefined when the table's entry is `[]`. */
  readonly nativeStatus: string | undefined;
  readonly timeMs: number;
  readonly jobName?: string;
  readonly message?: string;
  /** The emulator's own fields, as given. */
  readonly extra: Readonly<Partial<Record<Extra, string>>>;
}

/** How one emulator checks an append request. */
export interface AppendRules<Extra extends string> {
  readonly table: AppendStatusTable;
  /** Fields of this emulator beyond the common ones, all strings. */
  readonly extraFields: readonly Extra[];
  /** The clock of the default time. */
  readonly now: () => number;
  /**
   * Also accept any nativeStatus matching this, whatever the status (a system whose native
   * value does not decide the unified status, like an IPS JobLog's logType).
   */
  readonly anyNativeStatus?: RegExp;
}

const COMMON_FIELDS = ['status', 'nativeStatus', 'time', 'jobName', 'message'] as const;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;
/** 9999-12-31T23:59:59.999Z: every system's date types hold it, and ids built from seconds fit. */
const LATEST_MS = 253_402_300_799_999;
const hasControl = (text: string): boolean =>
  [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
const MAX_TEXT: Readonly<Record<string, number>> = { message: 1024 };

/** The statuses an emulator can append (those its table gives a native value for, or none). */
export function appendableStatuses(table: AppendStatusTable): UnifiedStatus[] {
  return UNIFIED_STATUSES.filter((status) => table[status] !== undefined);
}

/**
 * Inserts `item` into `list`, kept in `timeOf` order, after every item no later than it (so
 * equal times keep their arrival order). Scans from the end, where an appended item usually goes.
 */
export function insertInTimeOrder<T>(list: T[], item: T, timeOf: (item: T) => number): void {
  const at = timeOf(item);
  let index = list.length;
  while (index > 0 && timeOf(list[index - 1] as T) > at) index -= 1;
  list.splice(index, 0, item);
}

type Fields = Readonly<Record<string, unknown>>;

/** An own property only: the input is untrusted data (CONVENTIONS.md, "Types and schemas"). */
const own = (record: Fields, field: string): unknown =>
  Object.hasOwn(record, field) ? record[field] : undefined;

function text(record: Fields, field: string): string | undefined {
  const value = own(record, field);
  if (value === undefined) return undefined;
  const max = MAX_TEXT[field] ?? 128;
  if (typeof value !== 'string' || value.length === 0 || value.length > max || hasControl(value))
    throw new AppendInputError(
      `${field} must be a string of 1 to ${max} characters without control characters`,
    );
  return value;
}

function timeOf(value: unknown, now: () => number): number {
  if (value === undefined) return now();
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string' && RFC3339.test(value)
        ? Date.parse(value)
        : NaN;
  if (!(ms >= 0 && ms <= LATEST_MS))
    throw new AppendInputError(
      'time must be an RFC 3339 date-time with an offset from 1970 to 9999, e.g. 2026-01-31T09:00:00Z',
    );
  return ms;
}

function statusOf(value: unknown, table: AppendStatusTable): UnifiedStatus {
  const statuses = appendableStatuses(table);
  if (typeof value === 'string' && (statuses as readonly string[]).includes(value))
    return value as UnifiedStatus;
  const choices = `one of ${statuses.join(', ')}`;
  if (value === undefined) throw new AppendInputError(`status is required: ${choices}`);
  if (typeof value === 'string' && (UNIFIED_STATUSES as readonly string[]).includes(value))
    throw new AppendInputError(`status ${value} is not one this system can hold: ${choices}`);
  throw new AppendInputError(`status must be ${choices}`);
}

function nativeOf<Extra extends string>(
  given: string | undefined,
  status: UnifiedStatus,
  rules: AppendRules<Extra>,
): string | undefined {
  const natives = rules.table[status] ?? [];
  if (given === undefined) return natives[0];
  if (natives.includes(given) || rules.anyNativeStatus?.test(given) === true) return given;
  throw new AppendInputError(
    natives.length === 0
      ? `nativeStatus cannot be given for status ${status}: the record has no native status`
      : `nativeStatus for status ${status} must be one of ${natives.join(', ')}`,
  );
}

/**
 * Checks an append request (from code or from the admin route's JSON): a plain object with only
 * known fields (own properties; `__proto__` is just an unknown field), an appendable status, a
 * native value the table allows, an RFC 3339 time, short texts. Throws AppendInputError.
 */
export function checkAppendInput<Extra extends string>(
  input: unknown,
  rules: AppendRules<Extra>,
): CheckedAppend<Extra> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new AppendInputError('the job log to append must be a JSON object');
  const record = input as Fields;
  const known: readonly string[] = [...COMMON_FIELDS, ...rules.extraFields];
  const unknown = Object.keys(record).find((field) => !known.includes(field));
  if (unknown !== undefined)
    throw new AppendInputError(
      `unknown field "${unknown.slice(0, 40)}" (known: ${known.join(', ')})`,
    );
  const status = statusOf(own(record, 'status'), rules.table);
  const extra: Partial<Record<Extra, string>> = {};
  for (const field of rules.extraFields) {
    const value = text(record, field);
    if (value !== undefined) extra[field] = value;
  }
  const jobName = text(record, 'jobName');
  const message = text(record, 'message');
  return {
    status,
    nativeStatus: nativeOf(text(record, 'nativeStatus'), status, rules),
    timeMs: timeOf(own(record, 'time'), rules.now),
    ...(jobName === undefined ? {} : { jobName }),
    ...(message === undefined ? {} : { message }),
    extra,
  };
}
