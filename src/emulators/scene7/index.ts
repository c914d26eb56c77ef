/** A faithful Scene7 / Dynamic Media Classic IPS SOAP emulator (see README.md). */
export { startScene7Emulator } from './server';
export { createScene7Seed, type Scene7SeedOptions } from './seed';
export {
  DEMO_USER as SCENE7_DEMO_USER,
  SINGLE_COMPANY_USER as SCENE7_SINGLE_COMPANY_USER,
} from './seed-fixtures';
export { renderLogMessage, resolveLocale } from './messages';
export { SERVICE_PATH as SCENE7_SERVICE_PATH } from './soap-service';
export {
  SCENE7_APPEND_STATUS_TABLE,
  type AppendedScene7JobLog,
  type Scene7AppendInput,
} from './append';
export { AppendInputError } from '../shared/append';
export { ADMIN_JOB_LOGS_PATH } from '../shared/admin';
export type {
  RecordedScene7Request,
  Scene7Emulator,
  Scene7EmulatorOptions,
  Scene7Fault,
} from './types';
export type {
  Scene7Asset,
  Scene7AssetJobLog,
  Scene7AuxDetail,
  Scene7Company,
  Scene7JobLog,
  Scene7Message,
  Scene7Seed,
  Scene7User,
} from './seed-types';
