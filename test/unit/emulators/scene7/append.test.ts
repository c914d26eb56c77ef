/**
 * Appending to the Scene7 emulator's data, checked against the gateway's own reading of it: the
 * JobLog (getJobLogs) and the asset's entry (getAssetJobLogs), normalized by the scene7 adapter,
 * both have the status asked for, and the operations serve them.
 */
import {
  appendScene7JobLog,
  SCENE7_APPEND_STATUS_TABLE,
} from '../../../../src/emulators/scene7/append';
import { getAssetJobLogs, getJobLogs } from '../../../../src/emulators/scene7/operations';
import { createScene7Seed } from '../../../../src/emulators/scene7/seed';
import { DEMO_USER } from '../../../../src/emulators/scene7/seed-fixtures';
import { indexSeed } from '../../../../src/emulators/scene7/seed-index';
import { AppendInputError } from '../../../../src/emulators/shared/append';
import { createPrng } from '../../../../src/emulators/shared/prng';
import type { JobLog } from '../../../../src/schemas/types/scene7-ips';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import { assetJobLogToUnified, jobLogToUnified } from '../../../../src/sources/scene7/normalize';
import { appendCases } from '../append-cases';

/** 2026-07-01T10:00:00Z: summer, when c|6 (ApiTestCo) dates carry -07:00. */
const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);
const ASSET = 'a|732|1|535';
const registry = createSchemaRegistry();
const validateJob = registry.validator('scene7-ips#/$defs/JobLog');
const validateAsset = registry.validator('scene7-ips#/$defs/AssetJobLog');
const seed = createScene7Seed();

function emulatorData() {
  const index = indexSeed(seed);
  const deps = { seed, index, prng: createPrng(3), now: () => NOW };
  const call = (params: Record<string, string>) => ({
    user: DEMO_USER,
    params: new Map(Object.entries(params)),
    apiVersion: '2014-04-03',
    locale: 'en-US',
  });
  return {
    index,
    append: (input: unknown) => appendScene7JobLog(input, deps),
    jobLogs: (params: Record<string, string> = {}) =>
      (getJobLogs(index, call(params)).jobLogArray.items ?? []) as JobLog[],
    assetLogs: (assetHandle = ASSET) =>
      getAssetJobLogs(index, call({ companyHandle: 'c|6', assetHandle })).jobLogArray.items ?? [],
  };
}

describe('appendScene7JobLog', () => {
  describe.each(appendCases(SCENE7_APPEND_STATUS_TABLE))(
    'when asked for %s (native %p) with an asset',
    (status, nativeStatus) => {
      const data = emulatorData();
      const appended = data.append({ status, assetHandle: ASSET });

      it('writes a JobLog the gateway reads as that status, first in getJobLogs', () => {
        expect(appended.record.logType).toBe(nativeStatus);
        expect(jobLogToUnified(appended.record).status).toBe(status);
        expect(data.jobLogs()[0]).toEqual(appended.record);
        expect(validateJob(appended.record)).toBe(true);
      });

      it('gives the job its detail lines, the asset’s line among them', () => {
        const lines = data.index.jobLogDetails.get(appended.record.jobHandle) ?? [];
        expect(lines[0]?.logType).toBe('BeginUpload');
        expect(lines.filter((line) => line.assetHandle === ASSET)).toHaveLength(1);
      });

      it('writes the asset’s entry, read as that status, served by getAssetJobLogs', () => {
        const asset = appended.assetRecord!;
        expect(assetJobLogToUnified('c|6', ASSET, asset).status).toBe(status);
        expect(validateAsset(asset)).toBe(true);
        const served = data.assetLogs().map((item) => item.jobHandle);
        expect(served).toContain(appended.record.jobHandle);
        expect(asset.logDate).toBe(appended.record.startDate);
      });
    },
  );

  describe('when given no time, company or name', () => {
    it('starts an upload of ApiTestCo now, in its offset, named for its start', () => {
      const { append } = emulatorData();
      const { companyHandle, record, assetRecord } = append({ status: 'succeeded' });
      expect(companyHandle).toBe('c|6');
      expect(assetRecord).toBeUndefined();
      expect(record).toMatchObject({
        jobHandle: 'j|6||Add_2026-07-01-03:00:00',
        jobName: 'Add_2026-07-01-03:00:00',
        startDate: '2026-07-01T03:00:00.000-07:00',
        submitUserEmail: DEMO_USER.email,
        jobSubType: 'Upload',
      });
    });

    it('keeps job handles unique when two start in the same second', () => {
      const { append } = emulatorData();
      const first = append({ status: 'running' }).record.jobHandle;
      const second = append({ status: 'failed' }).record.jobHandle;
      expect(second).toBe(`${first}_2`);
    });
  });

  describe('when given another company, a user, a name, a message and a native logType', () => {
    it('uses them, and getJobLogs finds the job in a window around its start', () => {
      const { append, jobLogs } = emulatorData();
      const { record } = append({
        status: 'warning',
        companyHandle: 'c|14',
        user: 'STUDIO@northwind.example.com',
        jobName: 'Lookbook_upload',
        message: 'Spring lookbook',
        nativeStatus: 'EndImageServingPublish',
        time: '2025-03-01T09:00:00Z',
      });
      expect(record).toMatchObject({
        companyHandle: 'c|14',
        jobHandle: 'j|14||Lookbook_upload',
        submitUserEmail: 'studio@northwind.example.com',
        description: 'Spring lookbook',
        logType: 'EndImageServingPublish',
        startDate: '2025-03-01T09:00:00.000Z',
      });
      expect(record.fileWarningCount).toBeGreaterThan(0);
      const window = { startDate: '2025-03-01T09:00:00Z', endDate: '2025-03-01T09:00:00Z' };
      expect(jobLogs({ companyHandle: 'c|14', ...window }).map((job) => job.jobHandle)).toEqual([
        'j|14||Lookbook_upload',
      ]);
    });
  });

  describe('when appending', () => {
    it('leaves the seed as it was', () => {
      const counts = [seed.jobLogs.length, seed.assetJobLogs.length];
      emulatorData().append({ status: 'failed', assetHandle: ASSET });
      expect([seed.jobLogs.length, seed.assetJobLogs.length]).toEqual(counts);
    });
  });

  describe('when the input is bad', () => {
    it.each([
      [{ status: 'queued' }, 'status queued is not one this system can hold'],
      [{ status: 'unknown' }, 'status unknown is not one'],
      [{ status: 'failed', nativeStatus: 'Not a type' }, 'must be one of UploadError'],
      [{ status: 'failed', companyHandle: 'c|99' }, 'companyHandle must be a company'],
      [{ status: 'failed', assetHandle: 'a|1408|1|200' }, 'assetHandle must be an asset of c|6'],
      [
        { status: 'failed', user: 'studio@northwind.example.com' },
        'user must be the email of a member of c|6',
      ],
      [{ status: 'failed', jobName: 'a|b' }, 'jobName must not contain "|"'],
      [{ status: 'failed', jobName: 'Add_2025-06-11-13:05:44' }, 'already names a job of c|6'],
    ])('refuses %j', (input, message) => {
      const { append } = emulatorData();
      expect(() => append(input)).toThrow(AppendInputError);
      expect(() => append(input)).toThrow(message);
    });
  });
});
