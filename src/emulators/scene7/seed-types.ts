/** The data the Scene7 emulator serves. Handles are opaque strings (scene7-ips.md §2.1). */
import type {
  AssetJobLog,
  JobLog,
  JobLogDetail,
  JobLogDetailAux,
} from '../../schemas/types/scene7-ips';

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

/**
 * One `JobLogDetailAux` item (§2.3): an upload warning or error detail. The schema's fields,
 * with `logMessage` held as a message to render per locale.
 */
export type Scene7AuxDetail = Readonly<Omit<JobLogDetailAux, 'logMessage'>> & Scene7Message;

/**
 * One `AssetJobLog` (§2.3), with the asset and company it belongs to. `logMessage` is held as a
 * message to render per locale; `auxArray` is empty when the entry has no details (it is never
 * sent for namespaces before 2010-01-31).
 */
export type Scene7AssetJobLog = Readonly<Omit<AssetJobLog, 'logMessage' | 'auxArray'>> &
  Scene7Message & {
    readonly assetHandle: string;
    readonly companyHandle: string;
    readonly auxArray: readonly Scene7AuxDetail[];
  };

/**
 * One `JobLog` (§3.3) as `getJobLogs` returns it: no details (those belong to
 * `getJobLogDetails`), and `startDate` always present; `endDate` is absent while the job runs.
 */
export type Scene7JobLog = Readonly<
  Omit<JobLog, 'startDate' | 'detailTotalRows' | 'detailArray'>
> & {
  readonly startDate: string;
};

/**
 * One `JobLogDetail` (§2.3) of a job, as `getJobLogDetails` returns it in the job's `detailArray`:
 * a job-level line (`BeginUpload`, `OriginalJobName`, ...) or a per-file line naming the file
 * (`assetName`, `assetType`, and `assetHandle` for a file that is an asset of the company).
 * `logMessage` is held as a message to render per locale; `auxArray` is empty without details.
 */
export type Scene7JobLogDetail = Readonly<Omit<JobLogDetail, 'logMessage' | 'auxArray'>> &
  Scene7Message & {
    readonly jobHandle: string;
    readonly auxArray: readonly Scene7AuxDetail[];
  };

/** Everything the emulator serves, built deterministically by `createScene7Seed`. */
export interface Scene7Seed {
  readonly companies: readonly Scene7Company[];
  readonly users: readonly Scene7User[];
  readonly assets: readonly Scene7Asset[];
  readonly assetJobLogs: readonly Scene7AssetJobLog[];
  readonly jobLogs: readonly Scene7JobLog[];
  /** The detail lines of every job log, each job's in time order (getJobLogDetails). */
  readonly jobLogDetails: readonly Scene7JobLogDetail[];
  /**
   * Asset job logs of jobs IPS has archived: answered by getAssetArchivedJobLogs only, never by
   * getAssetJobLogs; their jobs are not in `jobLogs` [U: what IPS archives, and when].
   */
  readonly archivedAssetJobLogs: readonly Scene7AssetJobLog[];
}
