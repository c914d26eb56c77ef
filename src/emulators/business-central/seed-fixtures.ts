import type { LogEntryFields } from './seed-types';

/** The seeded tenant (a made-up GUID); it and its domain name both work in URLs. */
export const SEED_TENANT = '5f0c3b8e-2d4a-4e71-9b6a-8c1d2e3f4a5b';
/** The seeded tenant's domain name. */
export const SEED_TENANT_DOMAIN = 'cronus-demo.example';
/** The seeded environment name. */
export const SEED_ENVIRONMENT = 'production';

/** The app registrations the token endpoint knows by default (document them in README.md). */
export const DEFAULT_CLIENTS = [
  { clientId: 'gateway-client', clientSecret: 'gateway-secret' },
  { clientId: 'second-client', clientSecret: 'second-secret' },
] as const;

/** The only scope accepted by the token endpoint (§7). */
export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

/** Companies of the default seed: CRONUS demo names, one large, two mid-sized, one empty. */
export const DEFAULT_COMPANIES: ReadonlyArray<{ readonly name: string; readonly entries: number }> =
  [
    { name: 'CRONUS USA, Inc.', entries: 2400 },
    { name: 'CRONUS International Ltd.', entries: 650 },
    { name: 'CRONUS Canada, Inc.', entries: 180 },
    { name: 'My Company', entries: 0 },
  ];

/** A job queue entry the seed runs again and again: what it runs and how it is filed. */
export interface JobTemplate {
  readonly objectTypeToRun: LogEntryFields['objectTypeToRun'];
  readonly objectIdToRun: number;
  /** Object caption, which BC copies into the entry's Description. */
  readonly caption: string;
  readonly category: string;
  readonly parameterString: string;
  /** Chance that one run fails. */
  readonly failure: number;
  /** Typical run time range in seconds. */
  readonly seconds: readonly [number, number];
  /** Top frame of the AL call stack when it fails. */
  readonly frame: string;
}

/** Standard Base Application objects commonly scheduled in the job queue. */
export const JOB_TEMPLATES: readonly JobTemplate[] = [
  {
    objectTypeToRun: 'Codeunit',
    objectIdToRun: 88,
    caption: 'Sales Post via Job Queue',
    category: 'SALESPOST',
    parameterString: '',
    failure: 0.18,
    seconds: [2, 40],
    frame: '"Sales-Post"(CodeUnit 80).CheckAndUpdate line 49',
  },
  {
    objectTypeToRun: 'Codeunit',
    objectIdToRun: 98,
    caption: 'Purchase Post via Job Queue',
    category: 'PURCHPOST',
    parameterString: '',
    failure: 0.15,
    seconds: [2, 35],
    frame: '"Purch.-Post"(CodeUnit 90).CheckAndUpdate line 52',
  },
  {
    objectTypeToRun: 'Codeunit',
    objectIdToRun: 1509,
    caption: 'Notification Entry Dispatcher',
    category: '',
    parameterString: '',
    failure: 0.04,
    seconds: [1, 6],
    frame: '"Notification Entry Dispatcher"(CodeUnit 1509).DispatchForNotificationType line 20',
  },
  {
    objectTypeToRun: 'Codeunit',
    objectIdToRun: 8888,
    caption: 'Email Dispatcher',
    category: '',
    parameterString: '',
    failure: 0.08,
    seconds: [1, 12],
    frame: '"Email Dispatcher"(CodeUnit 8888).OnRun line 31',
  },
  {
    objectTypeToRun: 'Codeunit',
    objectIdToRun: 3997,
    caption: 'Retention Policy JQ',
    category: '',
    parameterString: '',
    failure: 0.02,
    seconds: [5, 120],
    frame: '"Apply Retention Policy Impl."(CodeUnit 3904).ApplyRetentionPolicy line 44',
  },
  {
    objectTypeToRun: 'Report',
    objectIdToRun: 795,
    caption: 'Adjust Cost - Item Entries',
    category: 'ADJCOST',
    parameterString: '',
    failure: 0.06,
    seconds: [30, 900],
    frame: '"Inventory Adjustment"(CodeUnit 5895).MakeMultiLevelAdjmt line 36',
  },
  {
    objectTypeToRun: 'Report',
    objectIdToRun: 1002,
    caption: 'Post Inventory Cost to G/L',
    category: 'ADJCOST',
    parameterString: '',
    failure: 0.05,
    seconds: [20, 600],
    frame: '"Inventory Posting To G/L"(CodeUnit 5802).BufferInvtPosting line 58',
  },
  {
    objectTypeToRun: 'Report',
    objectIdToRun: 20,
    caption: 'Calc. and Post VAT Settlement',
    category: 'FINANCE',
    parameterString: '',
    failure: 0.1,
    seconds: [10, 240],
    frame: '"Calc. and Post VAT Settlement"(Report 20).PostVATSettlement line 112',
  },
  {
    objectTypeToRun: 'Codeunit',
    objectIdToRun: 5339,
    caption: 'Integration Synch. Job Runner',
    category: 'CRM',
    parameterString: 'CUSTOMER',
    failure: 0.12,
    seconds: [3, 180],
    frame: '"Integration Synch. Job Runner"(CodeUnit 5339).RunIntegrationTableMapping line 17',
  },
  {
    objectTypeToRun: 'Codeunit',
    objectIdToRun: 5339,
    caption: 'Integration Synch. Job Runner',
    category: 'CRM',
    parameterString: 'ITEM-PRODUCT',
    failure: 0.12,
    seconds: [3, 180],
    frame: '"Integration Synch. Job Runner"(CodeUnit 5339).RunIntegrationTableMapping line 17',
  },
];

/** Error texts as BC writes them into Error Message, by the kind of object that failed. */
export const ERROR_MESSAGES: readonly string[] = [
  'There is nothing to post.',
  'Posting Date is not within your range of allowed posting dates.',
  "The Sales Header does not exist. Identification fields and values: Document Type='Order',No.='S-ORD101005'",
  'Another user has modified the record for this Purchase Header after you retrieved it from the database. Enter your changes again in the updated window, or start the interrupted activity again.',
  'You do not have the following permissions on TableData Value Entry: Insert',
  'The SMTP server returned an error: 550 5.7.1 Client does not have permissions to send as this sender.',
  'The operation could not complete because a record in the Item Ledger Entry table was locked by another user. Please retry the activity.',
  'Sorry, we just updated this page. Reopen it, and try again.',
  'Dataverse returned an error: The user is not a member of the organization.',
];

/** User names (User ID, Text[65]) that schedule or run jobs. */
export const JOB_USERS: readonly string[] = ['ADMIN', 'JOBQUEUE', 'ANNIE', 'JIM.OLIVE'];

/** Frames every failing job queue run ends in (Base Application, bottom of the stack). */
export const DISPATCHER_FRAMES: readonly string[] = [
  '"Job Queue Dispatcher"(CodeUnit 448).HandleRequest line 37',
  '"Job Queue Dispatcher"(CodeUnit 448).OnRun line 26',
];

/** The Base Application version named in call stacks. */
export const BASE_APP_VERSION = '25.3.28755.29110';
