/** The data the Scene7 emulator serves. Handles are opaque strings (scene7-ips.md §2.1). */

/** An IPS company. */
export interface Scene7Company {
  /** e.g. `c|6` */
  readonly handle: string;
  /** e.g. `ApiTestCo` (also the root folder of its asset names) */
  readonly name: string;
}

/** An IPS user: signs in with email and password, sees the companies listed. */
export interface Scene7User {
  /** e.g. `u|1`; what `getJobLogsParam/userHandle` takes */
  readonly handle: string;
  readonly email: string;
  readonly password: string;
  readonly companyHandles: readonly string[];
}

/** An asset of a company. */
export interface Scene7Asset {
  /** e.g. `a|732|1|535` */
  readonly handle: string;
  readonly companyHandle: string;
  /** Company-relative path with the company folder, e.g. `ApiTestCo/blakexslttest.jpg` */
  readonly name: string;
  /** A Job Log File Type constant (§2.3), e.g. `MasterImage` */
  readonly fileType: string;
}

/** Localizable text: a template key of `messages.ts` and its arguments. */
export interface Scene7Message {
  readonly messageKey: string;
  readonly messageArgs: Readonly<Record<string, string>>;
}

/** One `JobLogDetailAux` item (§2.3): an upload warning or error detail. */
export interface Scene7AuxDetail extends Scene7Message {
  readonly logType: string;
  /** xsd:dateTime; optional in the schema */
  readonly dateCreated?: string;
}

/** One `AssetJobLog` (§2.3), with the asset it belongs to. `logMessage` is rendered per locale. */
export interface Scene7AssetJobLog extends Scene7Message {
  readonly assetHandle: string;
  readonly companyHandle: string;
  readonly jobHandle: string;
  readonly jobName: string;
  readonly logType: string;
  readonly submitUserEmail: string;
  /** xsd:dateTime with milliseconds and offset, e.g. `2025-10-24T16:12:32.297-07:00` */
  readonly logDate: string;
  /** Empty when the entry has no details; never sent for namespaces before 2010-01-31. */
  readonly auxArray: readonly Scene7AuxDetail[];
}

/** One `JobLog` (§3.3) as `getJobLogs` returns it, every required field present. */
export interface Scene7JobLog {
  readonly companyHandle: string;
  readonly jobHandle: string;
  readonly jobName: string;
  readonly originalJobName: string;
  readonly submitUserEmail: string;
  readonly logType: string;
  readonly jobSubType: string;
  readonly startDate: string;
  /** Absent while the job is still running. */
  readonly endDate?: string;
  readonly description: string;
  readonly fileSuccessCount: number;
  readonly fileErrorCount: number;
  readonly fileWarningCount: number;
  readonly fileDuplicateCount: number;
  readonly fileUpdateCount: number;
  readonly totalFileCount: number;
  readonly transferSuccessCount: number;
  readonly transferErrorCount: number;
  readonly transferWarningCount: number;
  readonly fatalError: boolean;
}

/** Everything the emulator serves, built deterministically by `createScene7Seed`. */
export interface Scene7Seed {
  readonly companies: readonly Scene7Company[];
  readonly users: readonly Scene7User[];
  readonly assets: readonly Scene7Asset[];
  readonly assetJobLogs: readonly Scene7AssetJobLog[];
  readonly jobLogs: readonly Scene7JobLog[];
}
