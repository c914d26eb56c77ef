import { UNIFIED_STATUSES } from '../../../../src/contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stampRecord } from '../../../../src/sources/define';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import {
  detailsOf,
  jobLogToUnified,
  toUtc,
  type LosantRecord,
} from '../../../../src/sources/losant/normalize';
import { decodeRecordKey } from '../../../../src/sources/losant/key';
import {
  losantStatusesOf,
  STATUS_TABLE,
  statusOfLosant,
} from '../../../../src/sources/losant/normalize';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'losant');
const fixture = (file: string): LosantRecord =>
  JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as LosantRecord;
const APPLICATION = '575ec8687ae143cd83dc4a97';
const STATUSES = UNIFIED_STATUSES;
const validateUnified = createSchemaRegistry().validator('unified-job-log');

describe('statusOfLosant', () => {
  it.each([
    ['queued', 'queued'],
    ['inProgress', 'running'],
    ['completed', 'succeeded'],
    ['errored', 'failed'],
    ['failed', 'failed'],
    ['paused', 'unknown'],
    ['Completed', 'unknown'],
    [undefined, 'unknown'],
  ])('maps %s to %s', (native, unified) => {
    expect(statusOfLosant(native)).toBe(unified);
  });

  it('is total: every value maps to a unified status, prototype names included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
          fc.anything(),
        ),
        (native) => STATUSES.includes(statusOfLosant(native)),
      ),
    );
  });

  it('is inverted by losantStatusesOf for every unified status', () => {
    for (const unified of STATUSES) {
      for (const native of losantStatusesOf(unified)) expect(statusOfLosant(native)).toBe(unified);
    }
    expect(STATUSES.flatMap(losantStatusesOf).sort()).toEqual(Object.keys(STATUS_TABLE).sort());
  });
});

describe('toUtc', () => {
  it.each([
    ['2025-06-10T04:00:00.000Z', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10T06:00:00+02:00', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10T04:00:00Z', '2025-06-10T04:00:00.000Z'],
    [undefined, null],
    ['not a date', null],
  ])('reads %s as %s', (value, expected) => {
    expect(toUtc(value)).toBe(expected);
  });
});

describe('jobLogToUnified', () => {
  describe('when given Losant’s published example (losant.md §3.1)', () => {
    const example = fixture('application-job-log.example.json');
    const unified = stampRecord('losant-prod', 'losant', jobLogToUnified(APPLICATION, example));

    it('builds a valid unified record that keeps the native record as raw', () => {
      expect(validateUnified(unified)).toBe(true);
      expect(unified.raw).toBe(example);
    });

    it('maps ids, names, times and status', () => {
      expect(unified).toMatchObject({
        source: { id: 'losant-prod', type: 'losant' },
        job: { id: '575ec76c7ae143cd83dc4a96', name: 'ArchiveData' },
        status: 'running',
        nativeStatus: 'inProgress',
        time: '2025-06-10T04:00:00.000Z',
        times: {
          queued: '2025-06-10T04:00:00.000Z',
          started: '2025-06-10T04:00:01.000Z',
          ended: null,
          logged: null,
        },
        message: null,
        user: null,
        target: null,
        details: [{ message: '5 of 10', type: 'progress', time: null }],
      });
    });

    it('gives an id whose key reads back as the Losant id', () => {
      const [source, key] = unified.id.split('.');
      expect(source).toBe('losant-prod');
      expect(decodeRecordKey(key!)).toBe('575ec76c7ae143cd83dc4a96');
    });
  });

  describe('when the job errored', () => {
    it('takes the message from error.message and lists error and progress as details', () => {
      const unified = stampRecord(
        'losant-prod',
        'losant',
        jobLogToUnified(APPLICATION, fixture('application-job-log.errored.json')),
      );
      expect(validateUnified(unified)).toBe(true);
      expect(unified).toMatchObject({
        status: 'failed',
        message: 'Application export exceeded the maximum size of 2GB',
        user: '575ec8687ae143cd83dc4a01',
        target: {
          type: 'application',
          id: '575ec8687ae143cd83dc4a97',
          name: null,
          container: '575ec8687ae143cd83dc4a97',
        },
        details: [
          {
            message: 'Application export exceeded the maximum size of 2GB',
            type: 'ExportError',
            time: '2025-06-11T15:44:12.904Z',
          },
          { message: 'Exporting application (3 of 10)', type: 'progress', time: null },
        ],
      });
    });
  });

  describe('when dates are absent', () => {
    it('gives null times, and a null record time without runQueuedAt', () => {
      const queued = stampRecord(
        'losant-prod',
        'losant',
        jobLogToUnified(APPLICATION, fixture('application-job-log.queued.json')),
      );
      expect(queued.times).toEqual({
        queued: '2025-06-12T16:20:01.377Z',
        started: null,
        ended: null,
        logged: null,
      });
      const bare = stampRecord(
        'losant-prod',
        'losant',
        jobLogToUnified(APPLICATION, { id: '575ec76c7ae143cd83dc4a96' }),
      );
      expect(validateUnified(bare)).toBe(true);
      expect(bare).toMatchObject({
        time: null,
        times: { queued: null, started: null, ended: null, logged: null },
        status: 'unknown',
        nativeStatus: null,
        job: { id: null, name: null },
        details: [],
      });
    });
  });

  describe('when the resource is only partly named', () => {
    it('uses the configured application as the container and `unknown` as the type', () => {
      const unified = stampRecord(
        'losant-prod',
        'losant',
        jobLogToUnified(APPLICATION, {
          id: '575ec76c7ae143cd83dc4a96',
          resourceId: '684b00017ae143cd83dc4b31',
        }),
      );
      expect(unified.target).toEqual({
        type: 'unknown',
        id: '684b00017ae143cd83dc4b31',
        name: null,
        container: APPLICATION,
      });
    });
  });

  describe('for any valid Losant record', () => {
    const date = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
    const hexId = fc.stringMatching(/^[0-9a-f]{24}$/);
    const record: fc.Arbitrary<LosantRecord> = fc.record(
      {
        id: hexId,
        jobId: hexId,
        name: fc.string({ maxLength: 100 }),
        runQueuedAt: date,
        runStartedAt: date,
        runCompletedAt: date,
        status: fc.constantFrom('queued', 'inProgress', 'completed', 'errored', 'failed'),
        requestedById: hexId,
        resourceType: fc.constantFrom('application', 'device', 'notebook'),
        resourceId: hexId,
        progress: fc.record(
          { completed: fc.integer(), total: fc.integer(), status: fc.string() },
          { requiredKeys: [] },
        ),
        error: fc.record({ name: fc.string(), message: fc.string() }, { requiredKeys: [] }),
      },
      { requiredKeys: ['id'] },
    );

    it('builds a record that validates against the unified schema', () => {
      fc.assert(
        fc.property(record, (native) =>
          validateUnified(stampRecord('losant-x', 'losant', jobLogToUnified(APPLICATION, native))),
        ),
      );
    });
  });
});

describe('detailsOf', () => {
  it.each([
    [{ progress: { status: 'Compiling bundle' } }, 'Compiling bundle'],
    [{ progress: { completed: 4 } }, '4 done'],
    [{ progress: { completed: 4, total: 9, status: '' } }, '4 of 9'],
  ])('writes progress %j as %s', (record, message) => {
    expect(detailsOf(record)).toEqual([{ message, type: 'progress', time: null }]);
  });

  it('lists nothing for an empty progress or error', () => {
    expect(detailsOf({ progress: {}, error: {} })).toEqual([]);
  });

  it('uses the error name when there is no message', () => {
    expect(detailsOf({ error: { name: 'TimeoutError' } })).toEqual([
      { message: 'TimeoutError', type: 'TimeoutError', time: null },
    ]);
  });
});
