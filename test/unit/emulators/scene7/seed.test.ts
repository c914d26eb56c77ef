import { createScene7Seed } from '../../../../src/emulators/scene7/seed';
import { parseDateTime } from '../../../../src/emulators/scene7/date-time';
import { renderLogMessage } from '../../../../src/emulators/scene7/messages';

const WIRE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;

describe('createScene7Seed', () => {
  const seed = createScene7Seed();

  describe('when called twice', () => {
    it('builds identical data', () => {
      expect(createScene7Seed()).toEqual(seed);
    });
  });

  describe('when extra users are given', () => {
    it('appends them without changing the generated data', () => {
      const extra = createScene7Seed({
        extraUsers: [{ email: 'qa@example.com', password: 'qa-password', companies: ['c|27'] }],
      });
      expect(extra.users.at(-1)).toEqual({
        handle: 'u|100',
        email: 'qa@example.com',
        password: 'qa-password',
        companyHandles: ['c|27'],
      });
      expect(extra.jobLogs).toEqual(seed.jobLogs);
      expect(extra.assetJobLogs).toEqual(seed.assetJobLogs);
    });

    it('throws for an unknown company handle', () => {
      expect(() =>
        createScene7Seed({
          extraUsers: [{ email: 'x@example.com', password: 'x', companies: ['c|1'] }],
        }),
      ).toThrow(RangeError);
    });
  });

  describe('companies and users', () => {
    it('has ApiTestCo as c|6 and two more companies', () => {
      expect(seed.companies).toEqual([
        { handle: 'c|6', name: 'ApiTestCo' },
        { handle: 'c|14', name: 'NorthwindOutfitters' },
        { handle: 'c|27', name: 'KumoHomeGoods' },
      ]);
    });

    it('has the demo user in every company and a single-company user', () => {
      const demo = seed.users.find((u) => u.email === 'ips-api@example.com');
      expect(demo).toMatchObject({
        password: 'demo-ips-password',
        companyHandles: ['c|6', 'c|14', 'c|27'],
      });
      const solo = seed.users.find((u) => u.email === 'studio@northwind.example.com');
      expect(solo?.companyHandles).toEqual(['c|14']);
    });
  });

  describe('assets', () => {
    it('has about twenty per company with unique a|... handles', () => {
      for (const company of seed.companies) {
        const count = seed.assets.filter((a) => a.companyHandle === company.handle).length;
        expect(count).toBe(20);
      }
      expect(new Set(seed.assets.map((a) => a.handle)).size).toBe(seed.assets.length);
      expect(seed.assets.every((a) => /^a\|\d+\|1\|\d+$/.test(a.handle))).toBe(true);
    });
  });

  describe('asset job logs', () => {
    const of = (handle: string) => seed.assetJobLogs.filter((l) => l.assetHandle === handle);

    it('gives a|732|1|535 the two Adobe-doc entries and more', () => {
      const entries = of('a|732|1|535');
      const messages = entries.map((e) => [
        e.logType,
        renderLogMessage(e.messageKey, e.messageArgs, 'en-US'),
      ]);
      expect(messages.slice(0, 2)).toEqual([
        ['UploadSuccess', 'ApiTestCo/blakexslttest.jpg was processed into IPS'],
        ['FileUpdated', 'ApiTestCo/blakexslttest.jpg was processed into IPS.'],
      ]);
      expect(entries.length).toBeGreaterThan(2);
    });

    it('gives a|732|1|536 exactly one entry and a|732|1|537 none', () => {
      expect(of('a|732|1|536')).toHaveLength(1);
      expect(of('a|732|1|537')).toHaveLength(0);
    });

    it('gives a|732|1|538 one aux detail and a|732|1|539 several', () => {
      expect(of('a|732|1|538')[0]?.auxArray).toHaveLength(1);
      expect(of('a|732|1|539')[0]?.auxArray.length).toBeGreaterThan(1);
    });

    it('references jobs that exist in the job logs, by the same submitter', () => {
      const jobs = new Map(seed.jobLogs.map((j) => [j.jobHandle, j]));
      for (const entry of seed.assetJobLogs) {
        expect(jobs.get(entry.jobHandle)?.submitUserEmail).toBe(entry.submitUserEmail);
      }
    });

    it('dates every entry in 2025-2026 with milliseconds and an offset', () => {
      for (const entry of seed.assetJobLogs) {
        expect(entry.logDate).toMatch(WIRE_DATE);
        expect(entry.logDate.slice(0, 4)).toMatch(/^202[56]$/);
      }
    });
  });

  describe('job logs', () => {
    it('has a few hundred across every company', () => {
      expect(seed.jobLogs.length).toBeGreaterThanOrEqual(300);
      for (const company of seed.companies) {
        expect(seed.jobLogs.some((j) => j.companyHandle === company.handle)).toBe(true);
      }
    });

    it('has unique handles, valid dates and consistent file counts', () => {
      expect(new Set(seed.jobLogs.map((j) => j.jobHandle)).size).toBe(seed.jobLogs.length);
      for (const job of seed.jobLogs) {
        expect(job.startDate).toMatch(WIRE_DATE);
        if (job.endDate !== undefined) {
          expect(parseDateTime(job.endDate)).toBeGreaterThanOrEqual(
            parseDateTime(job.startDate) ?? 0,
          );
        }
        expect(job.fileSuccessCount + job.fileErrorCount).toBeLessThanOrEqual(job.totalFileCount);
        expect(job.jobHandle).toBe(`j|${job.companyHandle.slice(2)}||${job.jobName}`);
      }
    });

    it('mixes log types, sub types, fatal errors and running jobs', () => {
      expect(new Set(seed.jobLogs.map((j) => j.logType)).size).toBeGreaterThan(5);
      expect(new Set(seed.jobLogs.map((j) => j.jobSubType)).size).toBeGreaterThan(3);
      expect(seed.jobLogs.some((j) => j.fatalError)).toBe(true);
      expect(seed.jobLogs.some((j) => !j.fatalError)).toBe(true);
      expect(seed.jobLogs.some((j) => j.endDate === undefined)).toBe(true);
    });
  });

  describe('job log details', () => {
    const detailsOf = (jobHandle: string) =>
      seed.jobLogDetails.filter((detail) => detail.jobHandle === jobHandle);
    const perFile = (jobHandle: string) =>
      detailsOf(jobHandle).filter((detail) => detail.assetName !== undefined);

    it('gives every job its lines: begin first, then the job lines, the end last once ended', () => {
      for (const job of seed.jobLogs) {
        const lines = detailsOf(job.jobHandle);
        expect(lines.slice(1, 4).map((line) => line.logType)).toEqual([
          'OriginalJobName',
          'JobClient',
          'TotalFileCount',
        ]);
        expect(lines[0]?.logType).toMatch(/^Begin/);
        expect(lines[0]?.dateCreated).toBe(job.startDate);
        if (job.endDate === undefined) {
          expect(lines.at(-1)?.logType).not.toMatch(/^(End|FatalError$)/);
        } else {
          expect(lines.at(-1)?.logType).toMatch(job.fatalError ? /^FatalError$/ : /^End/);
          expect(lines.at(-1)?.dateCreated).toBe(job.endDate);
        }
      }
    });

    it('writes one line per file processed, in time order within the job', () => {
      for (const job of seed.jobLogs) {
        const files = perFile(job.jobHandle);
        const processed =
          job.endDate === undefined
            ? job.fileSuccessCount + job.fileErrorCount
            : job.totalFileCount;
        const entries = new Set(
          seed.assetJobLogs.filter((e) => e.jobHandle === job.jobHandle).map((e) => e.assetHandle),
        );
        expect(files).toHaveLength(Math.max(processed, entries.size));
        const times = detailsOf(job.jobHandle).map((line) => parseDateTime(line.dateCreated) ?? 0);
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        for (const line of detailsOf(job.jobHandle)) expect(line.dateCreated).toMatch(WIRE_DATE);
      }
    });

    it("names a job's asset entries as those assets, with their log type and aux details", () => {
      const lines = perFile('j|6||Add_2026-02-03-09:41:52');
      expect(lines.map((line) => [line.assetHandle, line.logType, line.auxArray.length])).toEqual([
        ['a|732|1|535', 'FileUpdated', 0],
        ['a|732|1|538', 'UploadWarning', 1],
        ['a|732|1|539', 'UploadError', 3],
      ]);
    });

    it('writes as many error lines as a job has failed files, where its entries allow', () => {
      const failed = seed.jobLogs.filter(
        (job) =>
          job.endDate !== undefined &&
          job.fileErrorCount > 0 &&
          !seed.assetJobLogs.some((e) => e.jobHandle === job.jobHandle),
      );
      expect(failed.length).toBeGreaterThan(5);
      for (const job of failed) {
        const errors = perFile(job.jobHandle).filter((line) =>
          /(Error|Failure)$/.test(line.logType),
        );
        expect(errors).toHaveLength(job.fileErrorCount);
      }
    });
  });

  describe('archived asset job logs', () => {
    it('belong to c|6 assets, to jobs no longer in the job logs', () => {
      const jobs = new Set(seed.jobLogs.map((job) => job.jobHandle));
      expect(seed.archivedAssetJobLogs.length).toBeGreaterThan(0);
      for (const entry of seed.archivedAssetJobLogs) {
        expect(entry.companyHandle).toBe('c|6');
        expect(jobs.has(entry.jobHandle)).toBe(false);
        expect(entry.logDate).toMatch(WIRE_DATE);
      }
    });
  });
});
