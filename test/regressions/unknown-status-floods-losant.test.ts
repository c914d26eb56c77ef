// Regression: `status=unknown&limit=1` made 151 Losant calls for 301 records, since `unknown`
// (a record without one of Losant's five statuses) was not pushed down and pages of two records
// were read until two unknown ones turned up. Now it is asked as `status: {$nin: [the five]}`.
import {
  createLosantSeed,
  LOSANT_FACTORY_APPLICATION_ID,
  type LosantSeed,
} from '../../src/emulators/losant';
import { getFromGateway, startLosantStack, type LosantStack } from '../helpers/gateway';

/** The default seed with `status` taken off three old factory records (oldest-first indexes). */
function seedWithoutStatusAt(indexes: readonly number[]): LosantSeed {
  const seed = createLosantSeed();
  return {
    ...seed,
    applications: seed.applications.map((application) =>
      application.id !== LOSANT_FACTORY_APPLICATION_ID
        ? application
        : {
            ...application,
            jobLogs: application.jobLogs.map((log, index) => {
              if (!indexes.includes(index)) return log;
              const { status: _status, ...rest } = log;
              return rest;
            }),
          },
    ),
  };
}

const STATUSLESS = [10, 50, 120];
let stack: LosantStack;
let seed: LosantSeed;

beforeAll(async () => {
  seed = seedWithoutStatusAt(STATUSLESS);
  stack = await startLosantStack({ emulator: { seed } });
});
afterAll(() => stack.close());

describe('GET /v1/job-logs?status=unknown&limit=1', () => {
  describe('when 3 of 301 Losant records have no status, far down the newest-first order', () => {
    it('answers the newest of them in a handful of upstream calls', async () => {
      const factory = seed.applications.find((app) => app.id === LOSANT_FACTORY_APPLICATION_ID)!;
      expect(factory.jobLogs.length).toBeGreaterThan(300);
      const newestStatusless = factory.jobLogs[Math.max(...STATUSLESS)]!.id;

      const response = await getFromGateway(stack.gateway, '/v1/job-logs?status=unknown&limit=1');

      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        items: Array<{ status: string; raw: { id: string } }>;
        truncated: boolean;
      };
      expect(body.items.map((item) => [item.status, item.raw.id])).toEqual([
        ['unknown', newestStatusless],
      ]);
      expect(body.truncated).toBe(true);
      expect(stack.losant.requests.length).toBeLessThanOrEqual(2);
      expect(stack.losant.requests[0]!.filter).toEqual({
        status: { $nin: ['queued', 'inProgress', 'completed', 'errored', 'failed'] },
      });
    });
  });
});
