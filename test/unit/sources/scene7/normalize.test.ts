import { UNIFIED_STATUSES } from '../../../../src/contract';
import fc from 'fast-check';
import { stampRecord } from '../../../../src/sources/define';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import type { AssetJobLog, JobLog } from '../../../../src/schemas/types/scene7-ips';
import {
  assetJobLogToUnified,
  jobLogToUnified,
  statusOfJob,
  statusOfLogType,
  toUtc,
} from '../../../../src/sources/scene7/normalize';
import { decodeRecordKey } from '../../../../src/sources/scene7/key';

// Shapes from Adobe's getAssetJobLogs example (scene7-ips.md §5) and the JobLog type (§3.3).
const assetLog: AssetJobLog = {
  jobHandle: 'j|6||Add_2007-10-24-16:11:07',
  jobName: 'Add_2007-10-24-16:11:07',
  logMessage: 'ApiTestCo/blakexslttest.jpg was processed into IPS',
  logType: 'UploadSuccess',
  submitUserEmail: 'ips-api@example.com',
  logDate: '2007-10-24T16:12:32.297-07:00',
  auxArray: [
    {
      logMessage: 'Embedded color profile ignored',
      logType: 'UploadWarning',
      dateCreated: '2007-10-24T16:12:30.001-07:00',
    },
  ],
};

const jobLog: JobLog = {
  companyHandle: 'c|6',
  jobHandle: 'j|6||Add_2025-03-01-10:00:00',
  jobName: 'Add_2025-03-01-10:00:00',
  originalJobName: 'Add_2025-03-01-10:00:00',
  submitUserEmail: '',
  logType: 'EndUpload',
  jobSubType: 'Upload',
  startDate: '2025-03-01T10:00:00.000+01:00',
  endDate: '2025-03-01T10:02:30.500+01:00',
  description: 'Upload of 3 files',
  fileSuccessCount: 3,
  fileErrorCount: 0,
  fileWarningCount: 0,
  fileDuplicateCount: 0,
  fileUpdateCount: 0,
  totalFileCount: 3,
  transferSuccessCount: 3,
  transferErrorCount: 0,
  transferWarningCount: 0,
  fatalError: false,
};

const validateUnified = createSchemaRegistry().validator('unified-job-log');

describe('statusOfLogType', () => {
  it.each([
    ['UploadSuccess', 'succeeded'],
    ['FileUpdated', 'succeeded'],
    ['ImageServingPublishSuccess', 'succeeded'],
    ['UploadError', 'failed'],
    ['DeleteFailure', 'failed'],
    ['PdfRipError', 'failed'],
    ['UploadWarning', 'warning'],
    ['DuplicateSkipped', 'warning'],
    ['BeginUpload', 'running'],
    ['EndUpload', 'unknown'],
    ['SomethingNew', 'unknown'],
  ])('maps %s to %s', (logType, status) => {
    expect(statusOfLogType(logType)).toBe(status);
  });

  it('is total: every string maps to a unified status, prototype names included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
        ),
        (logType) => (UNIFIED_STATUSES as readonly string[]).includes(statusOfLogType(logType)),
      ),
    );
  });
});

describe('statusOfJob', () => {
  it('says failed for a fatal error or failed files, warning for warnings, running without an end', () => {
    expect(statusOfJob(jobLog)).toBe('succeeded');
    expect(statusOfJob({ ...jobLog, fatalError: true })).toBe('failed');
    expect(statusOfJob({ ...jobLog, fileErrorCount: 1 })).toBe('failed');
    expect(statusOfJob({ ...jobLog, fileWarningCount: 2 })).toBe('warning');
    const { endDate: _end, ...running } = jobLog;
    expect(statusOfJob(running)).toBe('running');
  });
});

describe('toUtc', () => {
  it('turns offsets into RFC 3339 UTC and reads a zone-less value as UTC', () => {
    expect(toUtc('2007-10-24T16:12:32.297-07:00')).toBe('2007-10-24T23:12:32.297Z');
    expect(toUtc('2008-07-31T18:00:00')).toBe('2008-07-31T18:00:00.000Z');
    expect(toUtc(undefined)).toBeNull();
    expect(toUtc('not a date')).toBeNull();
  });
});

describe('assetJobLogToUnified', () => {
  const unified = stampRecord(
    'scene7-eu',
    'scene7',
    assetJobLogToUnified('c|6', 'a|732|1|535', assetLog),
  );

  it('produces a record that validates against the unified schema', () => {
    expect(validateUnified(unified)).toBe(true);
  });

  it('maps the fields and keeps the native record as raw', () => {
    expect(unified).toMatchObject({
      source: { id: 'scene7-eu', type: 'scene7' },
      job: { id: assetLog.jobHandle, name: assetLog.jobName },
      status: 'succeeded',
      nativeStatus: 'UploadSuccess',
      time: '2007-10-24T23:12:32.297Z',
      message: assetLog.logMessage,
      user: 'ips-api@example.com',
      target: { type: 'asset', id: 'a|732|1|535', container: 'c|6' },
      details: [
        {
          message: 'Embedded color profile ignored',
          type: 'UploadWarning',
          time: '2007-10-24T23:12:30.001Z',
        },
      ],
    });
    expect(unified.raw).toBe(assetLog);
  });

  it('builds an id whose key reads back the asset and entry', () => {
    const [sourceId, key] = unified.id.split('.');
    expect(sourceId).toBe('scene7-eu');
    expect(decodeRecordKey(key!)).toEqual([
      'a',
      'c|6',
      'a|732|1|535',
      assetLog.jobHandle,
      'UploadSuccess',
      assetLog.logDate,
    ]);
  });
});

describe('jobLogToUnified', () => {
  it('validates, maps times to UTC and treats an empty email as no user', () => {
    const unified = stampRecord('scene7-eu', 'scene7', jobLogToUnified(jobLog));
    expect(validateUnified(unified)).toBe(true);
    expect(unified.times).toEqual({
      queued: null,
      started: '2025-03-01T09:00:00.000Z',
      ended: '2025-03-01T09:02:30.500Z',
      logged: null,
    });
    expect(unified.user).toBeNull();
    expect(unified.target).toEqual({ type: 'company', id: 'c|6', name: null, container: null });
  });
});

describe('decodeRecordKey', () => {
  it('refuses text that is not one of its keys', () => {
    expect(decodeRecordKey('not*base64')).toBeUndefined();
    expect(decodeRecordKey(Buffer.from('{"a":1}').toString('base64url'))).toBeUndefined();
    expect(decodeRecordKey(Buffer.from('["a","x"]').toString('base64url'))).toBeUndefined();
  });
});
