import {
  createLosantSeed,
  LOSANT_EMPTY_APPLICATION_ID,
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  LOSANT_GREENHOUSE_APPLICATION_ID,
  LOSANT_PUBLISHED_EXAMPLE_JOB_LOG,
} from '../../../../src/emulators/losant';
import { createSchemaRegistry } from '../../../../src/schemas/registry';

const registry = createSchemaRegistry();
const validateJobLog = registry.validator('losant-job-log');

describe('createLosantSeed', () => {
  const seed = createLosantSeed();
  const [factory, greenhouse, empty] = seed.applications;
  const all = seed.applications.flatMap((app) => app.jobLogs);

  describe('when called twice', () => {
    it('builds identical data', () => {
      expect(createLosantSeed()).toEqual(seed);
    });
  });

  describe('when given another PRNG seed or sizes', () => {
    it('builds other data of the asked size', () => {
      const other = createLosantSeed({ prngSeed: 7, factoryJobLogs: 10, greenhouseJobLogs: 2 });
      expect(other.applications.map((app) => app.jobLogs.length)).toEqual([11, 2, 0]);
      expect(other.applications[0]!.jobLogs).not.toEqual(factory!.jobLogs.slice(0, 11));
    });
  });

  describe('applications', () => {
    it('holds the factory (hundreds of logs), greenhouse and empty applications', () => {
      expect(seed.applications.map((app) => [app.id, app.jobLogs.length])).toEqual([
        [LOSANT_FACTORY_APPLICATION_ID, 301],
        [LOSANT_GREENHOUSE_APPLICATION_ID, 23],
        [LOSANT_EMPTY_APPLICATION_ID, 0],
      ]);
      expect(empty!.jobLogs).toEqual([]);
    });

    it('keeps Losant’s published example verbatim in the factory application', () => {
      expect(factory!.jobLogs).toContainEqual(LOSANT_PUBLISHED_EXAMPLE_JOB_LOG);
    });
  });

  describe('job logs', () => {
    it('all validate against Losant’s published schema', () => {
      for (const log of all) expect(validateJobLog(log)).toBe(true);
    });

    it('have unique ids and, per application, unique runQueuedAt in ascending order', () => {
      expect(new Set(all.map((log) => log.id)).size).toBe(all.length);
      for (const app of [factory!, greenhouse!]) {
        const times = app.jobLogs.map((log) => log.runQueuedAt!);
        expect(new Set(times).size).toBe(times.length);
        expect([...times].sort()).toEqual(times);
      }
    });

    it('cover every status, requester type and resource type of the schema', () => {
      expect(new Set(factory!.jobLogs.map((log) => log.status))).toEqual(
        new Set(['queued', 'inProgress', 'completed', 'errored', 'failed']),
      );
      expect(new Set(factory!.jobLogs.map((log) => log.requestedByType))).toEqual(
        new Set(['user', 'apiToken', 'flow', 'device', 'system', undefined]),
      );
      expect(new Set(factory!.jobLogs.map((log) => log.resourceType))).toEqual(
        new Set([
          'application',
          'dashboard',
          'datatable',
          'event',
          'device',
          'notebook',
          'deviceRecipe',
          undefined,
        ]),
      );
    });

    it('set run dates by status: queued none, running a start, done both, some failures no start', () => {
      const generated = all.filter((log) => log.id !== LOSANT_PUBLISHED_EXAMPLE_JOB_LOG.id);
      for (const log of generated) {
        if (log.status === 'queued')
          expect([log.runStartedAt, log.runCompletedAt]).toEqual([undefined, undefined]);
        if (log.status === 'inProgress') {
          expect(log.runStartedAt).toBeDefined();
          expect(log.runCompletedAt).toBeUndefined();
        }
        if (log.status === 'completed' || log.status === 'errored') {
          expect(log.runCompletedAt! > log.runStartedAt!).toBe(true);
        }
        if (log.status === 'errored' || log.status === 'failed') expect(log.error).toBeDefined();
        if (log.status === 'completed') expect(log.output).toBeDefined();
      }
      expect(
        generated.some((log) => log.status === 'failed' && log.runStartedAt === undefined),
      ).toBe(true);
      expect(generated.some((log) => log.input !== undefined)).toBe(true);
    });

    it('use every input and output key of the published schema somewhere', () => {
      const published = registry.schema('losant-job-log').properties as Record<
        string,
        { properties: object }
      >;
      const properties = (key: 'input' | 'output'): string[] =>
        Object.keys(published[key]!.properties);
      const used = (key: 'input' | 'output'): Set<string> =>
        new Set(all.flatMap((log) => Object.keys(log[key] ?? {})));
      expect(used('input')).toEqual(new Set(properties('input')));
      expect(used('output')).toEqual(new Set(properties('output')));
    });

    it('print their keys in alphabetical order, as Losant’s examples do', () => {
      for (const log of all) expect(Object.keys(log)).toEqual(Object.keys(log).sort());
    });
  });

  describe('tokens', () => {
    it('include the gateway token with a job-log read scope for every application', () => {
      expect(seed.tokens).toContainEqual({
        token: LOSANT_GATEWAY_TOKEN,
        name: 'gateway',
        scopes: ['all.Application.read'],
      });
    });
  });
});
