import fc from 'fast-check';
import { UNIFIED_STATUSES } from '../../../../src/contract';
import {
  AppendInputError,
  appendableStatuses,
  checkAppendInput,
  type AppendRules,
  type AppendStatusTable,
} from '../../../../src/emulators/shared/append';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const TABLE: AppendStatusTable = {
  queued: undefined,
  running: ['Running'],
  succeeded: ['Done', 'Finished'],
  warning: undefined,
  failed: ['Broken'],
  unknown: [],
};
const RULES: AppendRules<'companyId'> = {
  table: TABLE,
  extraFields: ['companyId'],
  now: () => NOW,
};
const check = (input: unknown, rules: AppendRules<'companyId'> = RULES) =>
  checkAppendInput(input, rules);

function refusal(input: unknown): string {
  try {
    check(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppendInputError);
    expect(error).toBeInstanceOf(RangeError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('checkAppendInput', () => {
  describe('when given only a status', () => {
    it('takes the default native value and the clock’s time', () => {
      expect(check({ status: 'succeeded' })).toEqual({
        status: 'succeeded',
        nativeStatus: 'Done',
        timeMs: NOW,
        extra: {},
      });
    });

    it('gives no native value for a status the record shows by having none', () => {
      expect(check({ status: 'unknown' }).nativeStatus).toBeUndefined();
    });
  });

  describe('when given every field', () => {
    it('keeps them, the time read as an instant', () => {
      expect(
        check({
          status: 'succeeded',
          nativeStatus: 'Finished',
          time: '2025-06-11T13:05:44.651-07:00',
          jobName: 'Nightly',
          message: 'all good',
          companyId: 'c1',
        }),
      ).toEqual({
        status: 'succeeded',
        nativeStatus: 'Finished',
        timeMs: Date.parse('2025-06-11T20:05:44.651Z'),
        jobName: 'Nightly',
        message: 'all good',
        extra: { companyId: 'c1' },
      });
      expect(check({ status: 'failed', time: new Date(5000) }).timeMs).toBe(5000);
    });
  });

  describe('when the input is bad', () => {
    it.each([
      [null, 'must be a JSON object'],
      [[], 'must be a JSON object'],
      ['failed', 'must be a JSON object'],
      [{}, 'status is required: one of running, succeeded, failed, unknown'],
      [{ status: 'done' }, 'status must be one of running, succeeded, failed, unknown'],
      [{ status: 7 }, 'status must be one of'],
      [{ status: 'queued' }, 'status queued is not one this system can hold'],
      [
        { status: 'failed', nativeStatus: 'Done' },
        'nativeStatus for status failed must be one of Broken',
      ],
      [{ status: 'unknown', nativeStatus: 'X' }, 'nativeStatus cannot be given for status unknown'],
      [{ status: 'failed', time: '2026-03-01T12:00:00' }, 'time must be an RFC 3339 date-time'],
      [{ status: 'failed', time: 'yesterday' }, 'time must be an RFC 3339 date-time'],
      [{ status: 'failed', time: 1_700_000_000_000 }, 'time must be an RFC 3339 date-time'],
      [{ status: 'failed', time: '1969-12-31T23:59:59Z' }, 'from 1970 to 9999'],
      [{ status: 'failed', jobName: '' }, 'jobName must be a string of 1 to 128 characters'],
      [{ status: 'failed', jobName: 'a\nb' }, 'without control characters'],
      [{ status: 'failed', message: 'x'.repeat(1025) }, 'message must be a string of 1 to 1024'],
      [{ status: 'failed', companyId: 7 }, 'companyId must be a string'],
      [{ status: 'failed', colour: 'red' }, 'unknown field "colour" (known: status, nativeStatus'],
    ])('refuses %j: %s', (input, message) => {
      expect(refusal(input)).toContain(message);
    });

    it('treats a parsed "__proto__" key as an unknown field, not as a prototype', () => {
      const input: unknown = JSON.parse('{"status":"failed","__proto__":{"status":"succeeded"}}');
      expect(refusal(input)).toContain('unknown field "__proto__"');
    });
  });

  describe('when a system accepts any native name', () => {
    it('takes one outside the table and still refuses what does not match', () => {
      const rules = { ...RULES, anyNativeStatus: /^[A-Z][a-z]+$/ };
      expect(check({ status: 'failed', nativeStatus: 'Custom' }, rules).nativeStatus).toBe(
        'Custom',
      );
      expect(() => check({ status: 'failed', nativeStatus: 'no' }, rules)).toThrow(
        AppendInputError,
      );
    });
  });

  describe('for every status and allowed native value (property)', () => {
    it('answers a native value of the status’s table entry, or refuses the status', () => {
      const natives = [...new Set(Object.values(TABLE).flatMap((list) => list ?? []))];
      fc.assert(
        fc.property(
          fc.constantFrom(...UNIFIED_STATUSES),
          fc.option(fc.constantFrom(...natives), { nil: undefined }),
          (status, nativeStatus) => {
            const input = { status, ...(nativeStatus === undefined ? {} : { nativeStatus }) };
            const allowed = TABLE[status];
            if (
              allowed === undefined ||
              (nativeStatus !== undefined && !allowed.includes(nativeStatus))
            ) {
              expect(() => check(input)).toThrow(AppendInputError);
              return;
            }
            expect(check(input).nativeStatus).toBe(nativeStatus ?? allowed[0]);
          },
        ),
      );
    });
  });
});

describe('appendableStatuses', () => {
  it('lists the statuses with a table entry, in the schema’s order', () => {
    expect(appendableStatuses(TABLE)).toEqual(['running', 'succeeded', 'failed', 'unknown']);
  });
});
