import { UNIFIED_STATUSES } from '../../../../src/contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stampRecord } from '../../../../src/sources/define';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import type { BusinessCentralJobQueueLogEntry } from '../../../../src/schemas/types/business-central-job-queue-log-entry';
import { decodeRecordKey } from '../../../../src/sources/business-central/key';
import {
  nativeStatusesFor,
  STATUS_TABLE,
  statusOf,
  toUnifiedJobLog,
  toUtc,
} from '../../../../src/sources/business-central/normalize';

// Shapes: test/fixtures/business-central/README.md (page fixture: Success, running, Error).
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'business-central');
const page = JSON.parse(
  readFileSync(join(FIXTURES, 'job-queue-log-entries.page.json'), 'utf8'),
) as {
  value: BusinessCentralJobQueueLogEntry[];
};
const [success, running, failed] = page.value as [
  BusinessCentralJobQueueLogEntry,
  BusinessCentralJobQueueLogEntry,
  BusinessCentralJobQueueLogEntry,
];
const COMPANY = 'bb6d48b6-c7b2-4a38-9a93-ad5506407f12';
const registry = createSchemaRegistry();
const validateUnified = registry.validator('unified-job-log');
const validateNative = registry.validator('business-central-job-queue-log-entry');
const UNIFIED = UNIFIED_STATUSES;

describe('statusOf', () => {
  describe('when given a value of the AL option', () => {
    it.each([
      ['Success', 'succeeded'],
      ['In_x0020_Process', 'running'],
      ['In Process', 'running'],
      ['Error', 'failed'],
    ])('maps %s to %s', (native, unified) => {
      expect(statusOf(native)).toBe(unified);
    });
  });

  describe('when given anything else', () => {
    it.each(['', 'success', 'Finished', 'On_x0020_Hold', '__proto__', 'constructor'])(
      'maps %p to unknown',
      (native) => {
        expect(statusOf(native)).toBe('unknown');
      },
    );

    it('is total: every string maps to a unified status', () => {
      fc.assert(
        fc.property(fc.string(), (native) => UNIFIED.includes(statusOf(native))),
        { numRuns: 500 },
      );
    });
  });
});

describe('nativeStatusesFor', () => {
  describe('when asked for unified statuses', () => {
    it('gives the encoded names only, never the caption', () => {
      expect(nativeStatusesFor(['running'])).toEqual(['In_x0020_Process']);
      expect(nativeStatusesFor(['succeeded', 'failed'])).toEqual(['Success', 'Error']);
      expect(nativeStatusesFor(['queued', 'warning', 'unknown'])).toEqual([]);
    });

    it('round-trips: every filter value maps back to a status asked for', () => {
      fc.assert(
        fc.property(fc.subarray([...UNIFIED]), (statuses) =>
          nativeStatusesFor(statuses).every((native) => statuses.includes(statusOf(native))),
        ),
      );
    });

    it('covers every filterable row of the table', () => {
      const filterable = STATUS_TABLE.filter((row) => row.filter).map((row) => row.native);
      expect(nativeStatusesFor(UNIFIED)).toEqual(filterable);
    });
  });
});

describe('toUtc', () => {
  describe('when given BC date-times', () => {
    it.each([
      ['2025-04-28T09:15:42Z', '2025-04-28T09:15:42.000Z'],
      ['2023-01-04T16:55:47.367Z', '2023-01-04T16:55:47.367Z'],
      ['2025-04-28T10:00:00.5Z', '2025-04-28T10:00:00.500Z'],
      ['2025-04-28T11:00:00+02:00', '2025-04-28T09:00:00.000Z'],
    ])('normalizes %s to %s', (value, expected) => {
      expect(toUtc(value)).toBe(expected);
    });
  });

  describe('when given the blank date', () => {
    it.each(['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'])('maps %s to null', (value) => {
      expect(toUtc(value)).toBeNull();
    });
  });
});

describe('toUnifiedJobLog', () => {
  describe('when the run succeeded', () => {
    const unified = stampRecord('bc-prod', 'business-central', toUnifiedJobLog(COMPANY, success));

    it('fills the unified record and keeps the native one as raw', () => {
      expect(unified).toMatchObject({
        source: { id: 'bc-prod', type: 'business-central' },
        job: { id: success.jobQueueEntryId, name: 'Sales Post via Job Queue' },
        status: 'succeeded',
        nativeStatus: 'Success',
        time: '2025-04-28T09:15:42.000Z',
        times: {
          queued: null,
          started: '2025-04-28T09:15:42.000Z',
          ended: '2025-04-28T09:16:03.367Z',
          logged: null,
        },
        message: 'Sales Post via Job Queue',
        user: 'ADMIN',
        target: { type: 'codeunit', id: '88', name: null, container: COMPANY },
        details: [],
      });
      expect(unified.raw).toBe(success);
      expect(validateUnified(unified)).toBe(true);
    });

    it('makes an id that names the company and the entry', () => {
      const [sourceId, key] = unified.id.split('.') as [string, string];
      expect(sourceId).toBe('bc-prod');
      expect(decodeRecordKey(key)).toEqual({ companyId: COMPANY, entryId: success.id });
    });
  });

  describe('when the run is still in process', () => {
    it('maps the blank end date and the blank GUID to null', () => {
      const unified = stampRecord('bc-prod', 'business-central', toUnifiedJobLog(COMPANY, running));
      expect(unified).toMatchObject({
        status: 'running',
        nativeStatus: 'In_x0020_Process',
        times: { started: '2025-04-28T10:00:00.500Z', ended: null },
        target: { type: 'report', id: '795' },
      });
      expect(validateUnified(unified)).toBe(true);
    });

    it('reads the caption form the same way', () => {
      const caption = JSON.parse(
        readFileSync(join(FIXTURES, 'job-queue-log-entry.caption-status.json'), 'utf8'),
      ) as BusinessCentralJobQueueLogEntry;
      const unified = stampRecord('bc-prod', 'business-central', toUnifiedJobLog(COMPANY, caption));
      expect(unified).toMatchObject({
        status: 'running',
        nativeStatus: 'In Process',
        job: { id: caption.jobQueueEntryId },
      });
    });
  });

  describe('when the run failed', () => {
    it('uses the error message as message and first detail', () => {
      const unified = stampRecord('bc-prod', 'business-central', toUnifiedJobLog(COMPANY, failed));
      expect(unified.status).toBe('failed');
      expect(unified.message).toBe('There is nothing to post.');
      expect(unified.details).toEqual([
        {
          message: 'There is nothing to post.',
          type: 'errorMessage',
          time: '2023-01-04T16:55:49.000Z',
        },
      ]);
    });

    it('adds the call stack when one was read', () => {
      const stack = '"Sales-Post"(CodeUnit 80).OnRun line 15 - Base Application by Microsoft';
      const unified = stampRecord(
        'bc-prod',
        'business-central',
        toUnifiedJobLog(COMPANY, failed, stack),
      );
      expect(unified.details[1]).toEqual({
        message: stack,
        type: 'errorCallStack',
        time: '2023-01-04T16:55:49.000Z',
      });
      expect(validateUnified(unified)).toBe(true);
    });
  });

  describe('when given any schema-valid native record', () => {
    const guid = fc.uuid().map((id) => id.toLowerCase());
    const dateTime = fc.oneof(
      fc.constant('0001-01-01T00:00:00Z'),
      fc
        .date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString().replace('.000Z', 'Z')),
    );
    const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
    const record = fc.record({
      id: guid,
      jobQueueEntryId: fc.oneof(guid, fc.constant('00000000-0000-0000-0000-000000000000')),
      userId: fc.string({ maxLength: 65 }),
      startDateTime: dateTime,
      endDateTime: dateTime,
      objectIdToRun: int32,
      objectTypeToRun: fc.constantFrom('Report' as const, 'Codeunit' as const),
      status: fc.constantFrom(
        'Success' as const,
        'In_x0020_Process' as const,
        'In Process' as const,
        'Error' as const,
      ),
      description: fc.string({ maxLength: 250 }),
      errorMessage: fc.string({ maxLength: 2048 }),
      jobQueueCategoryCode: fc.string({ maxLength: 10 }),
      parameterString: fc.string({ maxLength: 250 }),
      systemTaskId: guid,
      userSessionId: int32,
      userServiceInstanceId: int32,
      lastModifiedDateTime: dateTime,
    });

    it('produces a record that validates against the unified schema', () => {
      fc.assert(
        fc.property(record, fc.option(fc.string({ maxLength: 200 })), (native, stack) => {
          expect(validateNative(native)).toBe(true);
          const unified = stampRecord(
            'bc-prod',
            'business-central',
            toUnifiedJobLog(COMPANY, native, stack ?? undefined),
          );
          return validateUnified(unified) && unified.raw === native;
        }),
        { numRuns: 300 },
      );
    });
  });
});
