import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import type { Prng } from '../shared/prng';

/** What a generated job log needs to know about its application. */
export interface JobContext {
  readonly prng: Prng;
  readonly applicationId: string;
  readonly logId: string;
  /** Epoch ms the job was queued. */
  readonly queuedAt: number;
  /** A 24-hex id from the PRNG. */
  readonly newId: () => string;
}

/** A kind of job: its name, what it works on, and the input/output it records. */
export interface JobKind {
  readonly name: string;
  readonly resourceType?: NonNullable<LosantJobLog['resourceType']>;
  /** True when the same job (jobId) runs again and again, e.g. a nightly archive. */
  readonly recurring: boolean;
  readonly progressText: string;
  input(ctx: JobContext): LosantJobLog['input'];
  output(ctx: JobContext): LosantJobLog['output'];
  /** What goes wrong, as error.name / error.message. */
  readonly errors: ReadonlyArray<readonly [string, string]>;
}

const EMAILS = [
  'ops@factory.example.com',
  'maria.lopez@factory.example.com',
  'data-team@factory.example.com',
  'greenhouse@agritech.example.com',
];
const files = (ctx: JobContext, kind: string, ext: string): string =>
  `https://files.onlosant.com/${ctx.applicationId}/${kind}/${ctx.logId}.${ext}`;
const day = 86_400_000;

/**
 * Job kinds of the seed. Only ArchiveData and ApplicationExport are named by Losant's docs
 * (losant.md §3.1); the other names are plausible inventions [I] built to use every input and
 * output key of the published schema.
 */
export const JOB_KINDS: readonly JobKind[] = [
  {
    name: 'ArchiveData',
    resourceType: 'application',
    recurring: true,
    progressText: 'Archiving device data',
    input: (ctx) => ({ start: ctx.queuedAt - day, end: ctx.queuedAt }),
    output: (ctx) => ({
      devicesDirectory: `archive/${ctx.applicationId}/devices/${ctx.logId}`,
      eventsDirectory: `archive/${ctx.applicationId}/events/${ctx.logId}`,
      dataTablesDirectory: `archive/${ctx.applicationId}/data-tables/${ctx.logId}`,
    }),
    errors: [['ArchiveError', 'The archive bucket refused the upload (AccessDenied)']],
  },
  {
    name: 'ApplicationExport',
    resourceType: 'application',
    recurring: false,
    progressText: 'Exporting application',
    input: (ctx) => ({
      emails: [ctx.prng.pick(EMAILS)],
      callbackUrl: `https://hooks.factory.example.com/losant/export/${ctx.logId}`,
    }),
    output: (ctx) => ({ downloadUrls: [files(ctx, 'exports', 'zip')] }),
    errors: [['ExportError', 'Application export exceeded the maximum size of 2GB']],
  },
  {
    name: 'ApplicationImport',
    resourceType: 'application',
    recurring: false,
    progressText: 'Importing application',
    input: (ctx) => ({
      fileUrl: files(ctx, 'imports', 'zip'),
      ownerId: ctx.newId(),
      ownerType: ctx.prng.pick(['user', 'organization'] as const),
    }),
    output: (ctx) => ({
      applicationId: ctx.applicationId,
      noChanges: ctx.prng.chance(0.2),
      validationErrors: [],
    }),
    errors: [['ValidationError', 'The import file has 2 invalid resources']],
  },
  {
    name: 'ApplicationGitSync',
    resourceType: 'application',
    recurring: true,
    progressText: 'Pushing to repository',
    input: () => ({}),
    output: (ctx) => ({
      repoUrl: 'https://github.com/factory-example/losant-app.git',
      commit: ctx.newId() + ctx.newId().slice(0, 16),
      noChanges: ctx.prng.chance(0.3),
    }),
    errors: [['GitError', 'Authentication failed for the repository']],
  },
  {
    name: 'DataTableExport',
    resourceType: 'datatable',
    recurring: false,
    progressText: 'Exporting rows',
    input: (ctx) => ({
      emails: [ctx.prng.pick(EMAILS)],
      query: '{"$and":[{"line":{"$eq":"A"}}]}',
    }),
    output: (ctx) => ({ downloadUrls: [files(ctx, 'data-tables', 'csv')] }),
    errors: [['QueryError', 'The data table query is not valid']],
  },
  {
    name: 'DeviceDataImport',
    resourceType: 'device',
    recurring: false,
    progressText: 'Writing device states',
    input: (ctx) => ({ fileUrl: files(ctx, 'device-data', 'csv'), gatewayId: ctx.newId() }),
    output: (ctx) => ({
      written: ctx.prng.int(100, 50_000),
      skippedDeviceNotFound: ctx.prng.int(0, 5),
      skippedDateTooOld: ctx.prng.int(0, 3),
      skippedDateInFuture: 0,
      skippedInvalidDate: ctx.prng.int(0, 2),
      skippedNoValidAttributes: ctx.prng.int(0, 4),
    }),
    errors: [['ImportError', 'Row 1042: the time column is not a date']],
  },
  {
    name: 'DeviceBulkDelete',
    resourceType: 'device',
    recurring: false,
    progressText: 'Removing devices',
    input: () => ({ query: '{"tags":{"key":"decommissioned"}}' }),
    output: (ctx) => ({ removed: ctx.prng.int(1, 200), failed: ctx.prng.int(0, 2) }),
    errors: [['DeleteError', 'Devices are still attached to an edge gateway']],
  },
  {
    name: 'DeviceBulkRestore',
    resourceType: 'device',
    recurring: false,
    progressText: 'Restoring devices',
    input: (ctx) => ({ parentId: ctx.newId() }),
    output: (ctx) => ({ restored: ctx.prng.int(1, 50), failed: 0 }),
    errors: [['RestoreError', 'The devices were removed more than 30 days ago']],
  },
  {
    name: 'DeviceRecipeBulkCreate',
    resourceType: 'deviceRecipe',
    recurring: false,
    progressText: 'Creating devices',
    input: (ctx) => ({ fileUrl: files(ctx, 'recipes', 'csv') }),
    output: (ctx) => ({ created: ctx.prng.int(1, 500), failed: ctx.prng.int(0, 3) }),
    errors: [['LimitError', 'The organization device limit would be exceeded']],
  },
  {
    name: 'EventExport',
    resourceType: 'event',
    recurring: true,
    progressText: 'Exporting events',
    input: (ctx) => ({ emails: [ctx.prng.pick(EMAILS)], query: '{"state":"new"}' }),
    output: (ctx) => ({ downloadUrls: [files(ctx, 'events', 'csv')] }),
    errors: [['ExportError', 'No events match the query']],
  },
  {
    name: 'NotebookExecution',
    resourceType: 'notebook',
    recurring: true,
    progressText: 'Running notebook',
    input: () => ({ templateContext: '{"shift":"night"}' }),
    output: (ctx) => ({ downloadUrls: [files(ctx, 'notebooks', 'html')] }),
    errors: [['ExecutionError', 'The notebook exited with code 1']],
  },
  {
    name: 'DashboardReport',
    resourceType: 'dashboard',
    recurring: true,
    progressText: 'Rendering report',
    input: (ctx) => ({ emails: [ctx.prng.pick(EMAILS)], templateContext: '{"range":"7d"}' }),
    output: (ctx) => ({ downloadUrls: [files(ctx, 'reports', 'pdf')] }),
    errors: [['RenderError', 'The dashboard took too long to render']],
  },
  {
    name: 'EdgeBundleBuild',
    recurring: false,
    progressText: 'Compiling bundle',
    input: (ctx) => ({ gatewayId: ctx.newId() }),
    output: (ctx) => ({ eeaBundleVersion: `${ctx.prng.int(1, 9)}.${ctx.prng.int(0, 20)}.0` }),
    errors: [['CompileError', 'Embedded workflow "line-3" does not compile']],
  },
];
