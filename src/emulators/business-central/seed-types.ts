import type { BusinessCentralJobQueueLogEntry } from '../../schemas/types/business-central-job-queue-log-entry';

/** The 16 inline properties of a jobQueueLogEntry; errorCallStack is a stream, kept apart. */
export type LogEntryFields = Pick<
  BusinessCentralJobQueueLogEntry,
  | 'id'
  | 'jobQueueEntryId'
  | 'userId'
  | 'startDateTime'
  | 'endDateTime'
  | 'objectIdToRun'
  | 'objectTypeToRun'
  | 'status'
  | 'description'
  | 'errorMessage'
  | 'jobQueueCategoryCode'
  | 'parameterString'
  | 'systemTaskId'
  | 'userSessionId'
  | 'userServiceInstanceId'
  | 'lastModifiedDateTime'
>;

/** One row of table 474 "Job Queue Log Entry" as the emulator keeps it. */
export interface SeedLogEntry {
  /** The table's primary key (Entry No.): the default order of the collection [I]. */
  readonly entryNo: number;
  readonly fields: LogEntryFields;
  /** The Error Call Stack BLOB as text, LF-separated; '' when empty. */
  readonly errorCallStack: string;
  /** Opaque row version, the content of the weak ETag. */
  readonly rowVersion: string;
}

/** A company entity (GET companies), with the v2.0 properties. */
export interface SeedCompany {
  readonly id: string;
  readonly systemVersion: string;
  readonly timestamp: number;
  readonly name: string;
  readonly displayName: string;
  readonly businessProfileId: string;
  readonly systemCreatedAt: string;
  readonly systemCreatedBy: string;
  readonly systemModifiedAt: string;
  readonly systemModifiedBy: string;
}

/** Everything the emulator serves: one tenant, one environment, companies and their entries. */
export interface BusinessCentralSeed {
  /** Tenant id (GUID), as in the token URL and the API path. */
  readonly tenant: string;
  /** The tenant's domain name, accepted wherever the tenant id is. */
  readonly tenantDomain: string;
  readonly environment: string;
  readonly companies: readonly SeedCompany[];
  /** Entries of each company by company id, in Entry No. order. */
  readonly entries: ReadonlyMap<string, readonly SeedLogEntry[]>;
}
