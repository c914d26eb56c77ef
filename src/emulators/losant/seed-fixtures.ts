import type { LosantSeedJobLog, LosantToken } from './seed-types';

/** The application of Losant's examples (losant.md §2.1, `575ec8687ae143cd83dc4a97`): hundreds of job logs. */
export const FACTORY_APPLICATION_ID = '575ec8687ae143cd83dc4a97';
/** A second application with a few dozen job logs. */
export const GREENHOUSE_APPLICATION_ID = '64b7f0c2a1d3e4f5a6b7c8d9';
/** An application without any job log. */
export const EMPTY_APPLICATION_ID = '65a0000000000000000000e1';

/** The token the gateway uses: `all.Application.read`, every application. */
export const LOSANT_GATEWAY_TOKEN = 'losant-emulator-gateway-token-0123456789';
/** Only `applicationJobLogs.get`: lists, but cannot read one job log. */
export const LOSANT_LIST_ONLY_TOKEN = 'losant-emulator-list-only-token';
/** Only `applicationJobLog.get`: reads one job log, cannot list. */
export const LOSANT_GET_ONLY_TOKEN = 'losant-emulator-get-only-token';
/** Scopes for devices only: no job log route accepts it. */
export const LOSANT_DEVICE_TOKEN = 'losant-emulator-device-token';
/** `all.Application`, bound to the greenhouse application only. */
export const LOSANT_GREENHOUSE_TOKEN = 'losant-emulator-greenhouse-token';

/** The seeded tokens. */
export const SEED_TOKENS: readonly LosantToken[] = [
  { token: LOSANT_GATEWAY_TOKEN, name: 'gateway', scopes: ['all.Application.read'] },
  { token: LOSANT_LIST_ONLY_TOKEN, name: 'list only', scopes: ['applicationJobLogs.get'] },
  { token: LOSANT_GET_ONLY_TOKEN, name: 'get only', scopes: ['applicationJobLog.get'] },
  { token: LOSANT_DEVICE_TOKEN, name: 'devices', scopes: ['device.get', 'devices.get'] },
  {
    token: LOSANT_GREENHOUSE_TOKEN,
    name: 'greenhouse application',
    scopes: ['all.Application'],
    applicationIds: [GREENHOUSE_APPLICATION_ID],
  },
];

/**
 * Losant's published single job log example (losant-rest-js lib/schemas/apiExamples.json key
 * `applicationJobLog`, losant.md §3.1), kept verbatim in the factory application.
 */
export const PUBLISHED_EXAMPLE_JOB_LOG: LosantSeedJobLog = {
  id: '575ec76c7ae143cd83dc4a96',
  jobId: '575ec76c7ae143cd83dc4a96',
  name: 'ArchiveData',
  ownerId: '575ec8687ae143cd83dc4a97',
  ownerType: 'application',
  progress: { completed: 5, total: 10 },
  runQueuedAt: '2025-06-10T04:00:00.000Z',
  runStartedAt: '2025-06-10T04:00:01.000Z',
  status: 'inProgress',
};
