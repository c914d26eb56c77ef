/**
 * Appending to the Losant emulator's data, checked against the gateway's own reading of it: the
 * status of every appended log, normalized by the losant adapter, is the status asked for.
 */
import { UNIFIED_STATUSES } from '../../../../src/contract';
import {
  appendLosantJobLog,
  LOSANT_APPEND_STATUS_TABLE,
} from '../../../../src/emulators/losant/append';
import { createLosantSeed } from '../../../../src/emulators/losant/seed';
import {
  FACTORY_APPLICATION_ID,
  GREENHOUSE_APPLICATION_ID,
} from '../../../../src/emulators/losant/seed-fixtures';
import { createLosantStore } from '../../../../src/emulators/losant/store';
import { AppendInputError } from '../../../../src/emulators/shared/append';
import { createPrng } from '../../../../src/emulators/shared/prng';
import { appendCases } from '../append-cases';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import { jobLogToUnified, losantStatusesOf } from '../../../../src/sources/losant/normalize';

const NOW = Date.UTC(2026, 3, 20, 8, 0, 0);
const validate = createSchemaRegistry().validator('losant-job-log');
const seed = createLosantSeed();

function emulatorData() {
  const store = createLosantStore(seed);
  const deps = { store, prng: createPrng(1), now: () => NOW };
  const logsOf = (id = FACTORY_APPLICATION_ID) => store.application(id)!.jobLogs;
  return { store, deps, logsOf, append: (input: unknown) => appendLosantJobLog(input, deps) };
}

describe('appendLosantJobLog', () => {
  describe.each(appendCases(LOSANT_APPEND_STATUS_TABLE))(
    'when asked for %s (native %p)',
    (status, nativeStatus) => {
      const { append } = emulatorData();
      const { applicationId, record } = append({
        status,
        ...(nativeStatus === undefined ? {} : { nativeStatus }),
        ...(status === 'failed' ? { message: 'Line 3 stopped' } : {}),
      });

      it('writes a log the gateway reads as that status', () => {
        expect(record.status).toBe(nativeStatus);
        expect(jobLogToUnified(applicationId, record).status).toBe(status);
      });

      it('writes a log valid against Losant’s published schema', () => {
        expect(validate(record)).toBe(true);
      });
    },
  );

  describe('for every unified status', () => {
    it('can append exactly those some Losant record reads as', () => {
      for (const status of UNIFIED_STATUSES) {
        const readable = status === 'unknown' || losantStatusesOf(status).length > 0;
        expect(LOSANT_APPEND_STATUS_TABLE[status] !== undefined).toBe(readable);
      }
    });
  });

  describe('when given no time', () => {
    it('queues the log now, with an ObjectId-like id of that second, newest in its application', () => {
      const { append, logsOf } = emulatorData();
      const { record } = append({ status: 'failed', message: 'Line 3 stopped' });
      expect(record.runQueuedAt).toBe(new Date(NOW).toISOString());
      expect(record.id.slice(0, 8)).toBe((NOW / 1000).toString(16));
      expect(record.error).toMatchObject({ message: 'Line 3 stopped' });
      expect(logsOf().at(-1)).toBe(record);
    });
  });

  describe('when given an older time (a late arrival)', () => {
    it('files the log among the others by runQueuedAt', () => {
      const { append, logsOf } = emulatorData();
      const { record } = append({ status: 'succeeded', time: '2025-03-01T00:00:00Z' });
      const times = logsOf().map((log) => Date.parse(log.runQueuedAt!));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(logsOf()).toContain(record);
      expect(logsOf().at(-1)).not.toBe(record);
    });
  });

  describe('when given a job name of a recurring job and another application', () => {
    it('runs the same job again in that application', () => {
      const { append, logsOf } = emulatorData();
      const last = [...logsOf(GREENHOUSE_APPLICATION_ID)]
        .reverse()
        .find((log) => log.name === 'ArchiveData');
      const { applicationId, record } = append({
        status: 'running',
        jobName: 'ArchiveData',
        applicationId: GREENHOUSE_APPLICATION_ID.toUpperCase(),
      });
      expect(applicationId).toBe(GREENHOUSE_APPLICATION_ID);
      expect(record).toMatchObject({ name: 'ArchiveData', applicationId, status: 'inProgress' });
      if (last !== undefined) expect(record.jobId).toBe(last.jobId);
    });
  });

  describe('when appending', () => {
    it('leaves the seed it started from as it was', () => {
      const before = JSON.stringify(seed);
      emulatorData().append({ status: 'queued' });
      expect(JSON.stringify(seed)).toBe(before);
    });

    it('makes the same logs in the same order on every run', () => {
      const run = () => {
        const { append } = emulatorData();
        return [append({ status: 'queued' }), append({ status: 'failed' })];
      };
      expect(run()).toEqual(run());
    });
  });

  describe('when the input is bad', () => {
    it.each([
      [{ status: 'warning' }, 'status warning is not one this system can hold'],
      [{ status: 'failed', nativeStatus: 'completed' }, 'must be one of errored, failed'],
      [{ status: 'succeeded', message: 'x' }, 'give it only with status failed'],
      [{ status: 'queued', applicationId: 'ffffffffffffffffffffffff' }, 'applicationId must be'],
    ])('refuses %j', (input, message) => {
      const { append } = emulatorData();
      expect(() => append(input)).toThrow(AppendInputError);
      expect(() => append(input)).toThrow(message);
    });
  });
});
