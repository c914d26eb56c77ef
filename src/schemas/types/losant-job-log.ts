/* eslint-disable */
// Generated from schemas/losant-job-log.schema.json by scripts/generate-schema-types.js. Do not edit.

export interface LosantJobLog {
  id?: string;
  jobId?: string;
  jobExecutionId?: string;
  name?: string;
  applicationId?: string;
  runQueuedAt?: string;
  runStartedAt?: string;
  runCompletedAt?: string;
  status?: "queued" | "inProgress" | "completed" | "errored" | "failed";
  requestedById?: string;
  requestedByType?: "user" | "apiToken" | "flow" | "device" | "system";
  ownerType?: "application" | "user" | "organization";
  ownerId?: string;
  resourceType?: "application" | "dashboard" | "datatable" | "event" | "device" | "notebook" | "deviceRecipe";
  resourceId?: string;
  progress?: {
    completed?: number;
    total?: number;
    status?: string;
  };
  error?: {
    name?: string;
    message?: string;
  };
  input?: {
    callbackUrl?: string;
    emails?: string[];
    start?: number;
    end?: number;
    gatewayId?: string;
    parentId?: string;
    query?: string;
    ownerId?: string;
    ownerType?: "user" | "organization";
    fileUrl?: string;
    templateContext?: string;
  };
  output?: {
    downloadUrls?: string[];
    devicesDirectory?: string;
    eventsDirectory?: string;
    dataTablesDirectory?: string;
    created?: number;
    failed?: number;
    removed?: number;
    restored?: number;
    repoUrl?: string;
    commit?: string;
    noChanges?: boolean;
    applicationId?: string;
    validationErrors?: {
      type?: string;
      name?: string;
      id?: string;
      message?: string;
    }[];
    skippedDeviceNotFound?: number;
    skippedDateTooOld?: number;
    skippedDateInFuture?: number;
    skippedInvalidDate?: number;
    skippedNoValidAttributes?: number;
    written?: number;
    eeaBundleVersion?: string;
  };
}
