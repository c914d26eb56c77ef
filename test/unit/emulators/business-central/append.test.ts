/**
 * Appending to the Business Central emulator's data, checked against the gateway's own reading
 * of it: every appended entry, normalized by the business-central adapter, has the status asked
 * for, and failed ones carry a message and a call stack as the seed's do.
 */
import { UNIFIED_STATUSES } from '../../../../src/contract';
import {
  appendBusinessCentralEntry,
  BUSINESS_CENTRAL_APPEND_STATUS_TABLE,
} from '../../../../src/emulators/business-central/append';
import { renderLogEntry } from '../../../../src/emulators/business-central/render';
import { createBusinessCentralSeed } from '../../../../src/emulators/business-central/seed';
import { indexSeed } from '../../../../src/emulators/business-central/seed-index';
import { AppendInputError } from '../../../../src/emulators/shared/append';
import { createPrng } from '../../../../src/emulators/shared/prng';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import {
  nativeStatusesFor,
  toUnifiedJobLog,
} from '../../../../src/sources/business-central/normalize';
import { appendCases } from '../append-cases';

const NOW = Date.UTC(2026, 3, 20, 8, 0, 0, 250);
const validate = createSchemaRegistry().validator('business-central-job-queue-log-entry');
const seed = createBusinessCentralSeed({
  companies: [
    { name: 'CRONUS USA, Inc.', entries: 40 },
    { name: 'My Company', entries: 0 },
  ],
});
const [usa, empty] = seed.companies;

function emulatorData() {
  const index = indexSeed(seed);
  const deps = { index, prng: createPrng(2), now: () => NOW };
  return { index, append: (input: unknown) => appendBusinessCentralEntry(input, deps) };
}

describe('appendBusinessCentralEntry', () => {
  describe.each(appendCases(BUSINESS_CENTRAL_APPEND_STATUS_TABLE))(
    'when asked for %s (native %p)',
    (status, nativeStatus) => {
      const { append, index } = emulatorData();
      const appended = append({ status });
      const rendered = renderLogEntry(index.entry(usa!.id, appended.record.id)!, usa!.id, {
        apiBase: 'http://127.0.0.1:1/v2.0/t/production/api/v2.0',
        mediaLinks: true,
      });

      it('writes an entry the gateway reads as that status', () => {
        expect(appended.record.status).toBe(nativeStatus);
        const unified = toUnifiedJobLog(usa!.id, appended.record, appended.errorCallStack);
        expect(unified.status).toBe(status);
      });

      it('writes an entry valid against the native schema, as the API renders it', () => {
        expect(validate(rendered)).toBe(true);
      });

      it('fills in what a run of that status has', () => {
        const { record, errorCallStack } = appended;
        expect(record.endDateTime === '0001-01-01T00:00:00Z').toBe(status === 'running');
        expect(record.errorMessage !== '').toBe(status === 'failed');
        expect(errorCallStack.includes('"Job Queue Dispatcher"(CodeUnit 448)')).toBe(
          status === 'failed',
        );
      });
    },
  );

  describe('for every unified status', () => {
    it('can append exactly those some Business Central entry reads as', () => {
      for (const status of UNIFIED_STATUSES) {
        const readable = nativeStatusesFor([status]).length > 0;
        expect(BUSINESS_CENTRAL_APPEND_STATUS_TABLE[status] !== undefined).toBe(readable);
      }
    });
  });

  describe('when given no company, time or job', () => {
    it('appends to the first company now, as its next Entry No., findable by id', () => {
      const { append, index } = emulatorData();
      const { companyId, entryNo, record } = append({ status: 'succeeded' });
      expect(companyId).toBe(usa!.id);
      expect(entryNo).toBe(41);
      expect(record.startDateTime).toBe('2026-04-20T08:00:00.250Z');
      expect(index.entries(usa!.id).at(-1)?.fields).toBe(record);
      expect(index.entry(usa!.id, record.id.toUpperCase())?.fields).toBe(record);
      expect(index.hasEntryId(record.id)).toBe(true);
    });
  });

  describe('when given everything', () => {
    it('uses the caption’s job, the message, the user and the time', () => {
      const { append } = emulatorData();
      const { companyId, entryNo, record } = append({
        status: 'failed',
        companyId: empty!.id.toUpperCase(),
        jobName: 'Email Dispatcher',
        message: 'The SMTP server refused the connection.',
        user: 'JIM.OLIVE',
        time: '2025-12-24T18:30:00+01:00',
      });
      expect(companyId).toBe(empty!.id);
      expect(entryNo).toBe(1);
      expect(record).toMatchObject({
        description: 'Email Dispatcher',
        objectIdToRun: 8888,
        errorMessage: 'The SMTP server refused the connection.',
        userId: 'JIM.OLIVE',
        startDateTime: '2025-12-24T17:30:00Z',
        status: 'Error',
      });
    });

    it('runs the same job queue entry as the job’s last run', () => {
      const { append, index } = emulatorData();
      const { record } = append({ status: 'running' });
      const earlier = index
        .entries(usa!.id)
        .slice(0, -1)
        .filter((entry) => entry.fields.objectIdToRun === record.objectIdToRun);
      if (earlier.length > 0)
        expect(record.jobQueueEntryId).toBe(earlier.at(-1)!.fields.jobQueueEntryId);
    });
  });

  describe('when appending', () => {
    it('leaves the seed as it was', () => {
      const before = seed.entries.get(usa!.id)!.length;
      emulatorData().append({ status: 'failed' });
      expect(seed.entries.get(usa!.id)!.length).toBe(before);
    });
  });

  describe('when the input is bad', () => {
    it.each([
      [{ status: 'queued' }, 'status queued is not one this system can hold'],
      [{ status: 'warning' }, 'status warning is not one'],
      [{ status: 'running', nativeStatus: 'In Process' }, 'must be one of In_x0020_Process'],
      [{ status: 'succeeded', message: 'x' }, 'give it only with status failed'],
      [{ status: 'failed', user: 'U'.repeat(51) }, 'user must be at most 50 characters'],
      [
        { status: 'failed', companyId: '00000000-0000-0000-0000-000000000000' },
        'companyId must be',
      ],
    ])('refuses %j', (input, message) => {
      const { append } = emulatorData();
      expect(() => append(input)).toThrow(AppendInputError);
      expect(() => append(input)).toThrow(message);
    });
  });
});
