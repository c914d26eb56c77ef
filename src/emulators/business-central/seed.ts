// The PRNG is shared with the Scene7 emulator rather than copied; emulators may share helpers.
import { createPrng, type Prng } from '../shared/prng';
import { BLANK_DATE_TIME, formatBcDateTime } from './date-time';
import {
  BASE_APP_VERSION,
  DEFAULT_COMPANIES,
  DISPATCHER_FRAMES,
  ERROR_MESSAGES,
  JOB_TEMPLATES,
  JOB_USERS,
  SEED_ENVIRONMENT,
  SEED_TENANT,
  SEED_TENANT_DOMAIN,
  type JobTemplate,
} from './seed-fixtures';
import type { BusinessCentralSeed, LogEntryFields, SeedCompany, SeedLogEntry } from './seed-types';

/** Options of `createBusinessCentralSeed`. */
export interface BusinessCentralSeedOptions {
  /** PRNG seed; the same seed gives the same data on every run and machine. */
  readonly seed?: number;
  /** Companies to create, each with its number of log entries (default: four CRONUS companies). */
  readonly companies?: ReadonlyArray<{ readonly name: string; readonly entries: number }>;
}

const DEFAULT_SEED = 0x0bc20250;
/** First run of the first company; later companies start a few hours later. */
const FIRST_RUN = Date.UTC(2025, 0, 6, 6, 0, 0);
/** Entries at the end of each company still running, with blank end dates. */
const RUNNING_AT_END = 3;
/** Earlier entries left "In Process" by a session that died (a known BC pattern). */
const STUCK_CHANCE = 0.004;

/** A random version-4 GUID, lower case, as BC writes them. */
export function seededGuid(prng: Prng): string {
  const hex = Array.from({ length: 32 }, () => prng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + prng.int(0, 3)).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** A job queue entry of a company: what it runs and who set it up. */
export interface ScheduledJob {
  readonly template: JobTemplate;
  readonly jobQueueEntryId: string;
  readonly userId: string;
}

/** How one run ended (or that it has not yet). */
export type RunOutcome = 'running' | 'failed' | 'succeeded';

/** The AL call stack of a failed run of `template`, ending in the job queue dispatcher. */
function callStack(template: JobTemplate): string {
  const by = ` - Base Application by Microsoft version ${BASE_APP_VERSION}`;
  const kind = template.objectTypeToRun === 'Report' ? 'Report' : 'CodeUnit';
  const trigger = template.objectTypeToRun === 'Report' ? 'OnPostReport' : 'OnRun';
  return [
    template.frame,
    `"${template.caption}"(${kind} ${template.objectIdToRun}).${trigger} line 13`,
    ...DISPATCHER_FRAMES,
  ]
    .map((frame) => frame + by)
    .join('\n');
}

function makeCompany(prng: Prng, name: string, index: number): SeedCompany {
  const created = formatBcDateTime(Date.UTC(2024, 9, 1 + index, 8, 30, 0) + prng.int(0, 999));
  return {
    id: seededGuid(prng),
    systemVersion: BASE_APP_VERSION,
    timestamp: prng.int(10_000, 99_999),
    name,
    displayName: name,
    businessProfileId: '',
    systemCreatedAt: created,
    systemCreatedBy: seededGuid(prng),
    systemModifiedAt: created,
    systemModifiedBy: seededGuid(prng),
  };
}

function makeJobs(prng: Prng): ScheduledJob[] {
  return JOB_TEMPLATES.map((template) => ({
    template,
    jobQueueEntryId: seededGuid(prng),
    userId: prng.pick(JOB_USERS),
  }));
}

/** One run of a job, as a log entry. */
export interface RunOf {
  readonly entryNo: number;
  readonly job: ScheduledJob;
  readonly startMs: number;
  readonly outcome: RunOutcome;
  /** Draws the entry's id (SystemId); called once, after the run's duration is drawn. */
  readonly newId: () => string;
  /** Default: the object caption, as BC copies it. */
  readonly description?: string;
  /** A failed run's message; default one of ERROR_MESSAGES. */
  readonly errorMessage?: string;
}

/** The log entry of one run: running ones have a blank end date, failed ones a message and call stack. */
export function logEntryOf(prng: Prng, run: RunOf): SeedLogEntry {
  const { entryNo, job, startMs, outcome } = run;
  const { template } = job;
  const running = outcome === 'running';
  const failed = outcome === 'failed';
  const endMs = startMs + prng.int(template.seconds[0] * 1000, template.seconds[1] * 1000);
  const start = formatBcDateTime(startMs);
  const fields: LogEntryFields = {
    id: run.newId(),
    jobQueueEntryId: job.jobQueueEntryId,
    userId: job.userId,
    startDateTime: start,
    // BC leaves End Date/Time blank until the run is over [I].
    endDateTime: running ? BLANK_DATE_TIME : formatBcDateTime(endMs),
    objectIdToRun: template.objectIdToRun,
    objectTypeToRun: template.objectTypeToRun,
    // Schema version 2.0 sends encoded option names: "In Process" is In_x0020_Process (§3.1).
    status: running ? 'In_x0020_Process' : failed ? 'Error' : 'Success',
    description: run.description ?? template.caption,
    errorMessage: failed ? (run.errorMessage ?? prng.pick(ERROR_MESSAGES)) : '',
    jobQueueCategoryCode: template.category,
    parameterString: template.parameterString,
    systemTaskId: seededGuid(prng),
    userSessionId: prng.int(50, 40_000),
    userServiceInstanceId: prng.int(1, 8),
    lastModifiedDateTime: running ? start : formatBcDateTime(endMs + prng.int(1, 40)),
  };
  return {
    entryNo,
    fields,
    errorCallStack: failed ? callStack(template) : '',
    rowVersion: `${prng.int(100_000, 999_999)}${String(entryNo).padStart(8, '0')}`,
  };
}

function makeEntry(
  prng: Prng,
  entryNo: number,
  job: ScheduledJob,
  startMs: number,
  running: boolean,
): SeedLogEntry {
  const failed = !running && prng.chance(job.template.failure);
  const outcome = running ? 'running' : failed ? 'failed' : 'succeeded';
  return logEntryOf(prng, { entryNo, job, startMs, outcome, newId: () => seededGuid(prng) });
}

function makeEntries(prng: Prng, count: number, firstRun: number): SeedLogEntry[] {
  const jobs = makeJobs(prng);
  const entries: SeedLogEntry[] = [];
  let startMs = firstRun;
  for (let entryNo = 1; entryNo <= count; entryNo += 1) {
    // Runs every few minutes to a few hours; milliseconds only on most (BC drops zero fractions).
    startMs += prng.int(600, 18_000) * 1000 + (prng.chance(0.7) ? prng.int(1, 999) : 0);
    const running = entryNo > count - RUNNING_AT_END || prng.chance(STUCK_CHANCE);
    entries.push(makeEntry(prng, entryNo, prng.pick(jobs), startMs, running));
  }
  return entries;
}

/**
 * Creates the emulator's data: deterministic (a seeded mulberry32 PRNG, no clock), the same on
 * every run and machine. By default four companies with 2,400, 650, 180 and 0 log entries.
 */
export function createBusinessCentralSeed(
  options: BusinessCentralSeedOptions = {},
): BusinessCentralSeed {
  const prng = createPrng(options.seed ?? DEFAULT_SEED);
  const companies: SeedCompany[] = [];
  const entries = new Map<string, readonly SeedLogEntry[]>();
  (options.companies ?? DEFAULT_COMPANIES).forEach((profile, index) => {
    const company = makeCompany(prng, profile.name, index);
    companies.push(company);
    entries.set(company.id, makeEntries(prng, profile.entries, FIRST_RUN + index * 3_600_000));
  });
  return {
    tenant: SEED_TENANT,
    tenantDomain: SEED_TENANT_DOMAIN,
    environment: SEED_ENVIRONMENT,
    companies,
    entries,
  };
}
