/** A faithful Losant REST emulator for Application Job Logs (see README.md). */
export { startLosantEmulator } from './server';
export { createLosantSeed, type LosantSeedOptions } from './seed';
export {
  EMPTY_APPLICATION_ID as LOSANT_EMPTY_APPLICATION_ID,
  FACTORY_APPLICATION_ID as LOSANT_FACTORY_APPLICATION_ID,
  GREENHOUSE_APPLICATION_ID as LOSANT_GREENHOUSE_APPLICATION_ID,
  LOSANT_DEVICE_TOKEN,
  LOSANT_GATEWAY_TOKEN,
  LOSANT_GET_ONLY_TOKEN,
  LOSANT_GREENHOUSE_TOKEN,
  LOSANT_LIST_ONLY_TOKEN,
  PUBLISHED_EXAMPLE_JOB_LOG as LOSANT_PUBLISHED_EXAMPLE_JOB_LOG,
} from './seed-fixtures';
export {
  LOSANT_APPEND_STATUS_TABLE,
  type AppendedLosantJobLog,
  type LosantAppendInput,
} from './append';
export { AppendInputError } from '../shared/append';
export { ADMIN_JOB_LOGS_PATH } from '../shared/admin';
export { ADVANCED_JOB_LOG_QUERY_SCHEMA, compileQueryValidator } from './query-schema';
export type {
  LosantEmulator,
  LosantEmulatorOptions,
  LosantFault,
  LosantRateLimit,
  RecordedLosantRequest,
} from './types';
export type { LosantApplication, LosantSeed, LosantSeedJobLog, LosantToken } from './seed-types';
