/** A Dynamics 365 Business Central API v2.0 emulator: jobQueueLogEntries over OData (see README.md). */
export { startBusinessCentralEmulator } from './server';
export { createBusinessCentralSeed, type BusinessCentralSeedOptions } from './seed';
export {
  BC_SCOPE,
  DEFAULT_CLIENTS as BUSINESS_CENTRAL_CLIENTS,
  SEED_ENVIRONMENT as BUSINESS_CENTRAL_ENVIRONMENT,
  SEED_TENANT as BUSINESS_CENTRAL_TENANT,
} from './seed-fixtures';
export { BLANK_DATE_TIME } from './date-time';
export {
  BUSINESS_CENTRAL_APPEND_STATUS_TABLE,
  type AppendedBusinessCentralEntry,
  type BusinessCentralAppendInput,
} from './append';
export { AppendInputError } from '../shared/append';
export { ADMIN_JOB_LOGS_PATH } from '../shared/admin';
export type {
  BusinessCentralClient,
  BusinessCentralEmulator,
  BusinessCentralEmulatorOptions,
  BusinessCentralFault,
  EmulatedCompany,
  RateLimit,
  RecordedBusinessCentralRequest,
} from './types';
export type { BusinessCentralSeed, LogEntryFields, SeedCompany, SeedLogEntry } from './seed-types';
