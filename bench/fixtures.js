// Canned upstream answers the bench scenarios share: IPS AssetJobLog records and the
// getAssetJobLogsReturn envelope built from them with the gateway's own schema-driven codec, so
// that it is valid against schemas/scene7-ips.schema.json by construction.
const { compileCodec } = require('../dist/codec');
const { createSchemaRegistry } = require('../dist/schemas/registry');
const { buildEnvelope } = require('../dist/soap/envelope');

/** The IPS schema namespace of API version 2014-04-03 (the bench's WSDL and sources use it). */
const IPS_NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

/** `count` AssetJobLog records shaped like a catalog upload's (one in seven has a warning). */
function assetJobLogs(count) {
  return Array.from({ length: count }, (_, i) => ({
    jobHandle: `j|6||Add_2026-02-03-09:${String(i % 60).padStart(2, '0')}:52`,
    jobName: `Add_2026-02-03-09:${String(i % 60).padStart(2, '0')}:52`,
    logMessage: `ApiTestCo/catalog/sku-${10000 + i}-front.jpg was processed into IPS`,
    logType: i % 7 === 0 ? 'UploadWarning' : 'UploadSuccess',
    submitUserEmail: 'catalog-bot@apitestco.example.com',
    logDate: `2026-02-03T09:42:${String(i % 60).padStart(2, '0')}.113-08:00`,
    ...(i % 7 === 0
      ? {
          auxArray: [
            {
              logMessage: 'Embedded color profile ignored',
              logType: 'UploadWarning',
              dateCreated: '2026-02-03T09:42:19.902-08:00',
            },
          ],
        }
      : {}),
  }));
}

/** A SOAP 1.1 getAssetJobLogsReturn envelope carrying `count` records. */
function assetJobLogsEnvelope(count) {
  const registry = createSchemaRegistry();
  const codec = compileCodec(registry.ref('scene7-ips#/$defs/GetAssetJobLogsReturn'), {
    resolve: (uri) => registry.resolveUri(uri),
  });
  return buildEnvelope(
    '1.1',
    codec.encode({ jobLogArray: assetJobLogs(count) }, { namespace: IPS_NS }),
  );
}

/** A getAssetJobLogs request envelope with an IPS authHeader, as an IPS client sends it. */
function assetJobLogsRequest(user, password, assetHandle = 'a|732|1|535') {
  return (
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>` +
    `<authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>${user}</user><password>${password}</password></authHeader>` +
    `</soapenv:Header><soapenv:Body><getAssetJobLogsParam xmlns="${IPS_NS}">` +
    `<companyHandle>c|6</companyHandle><assetHandle>${assetHandle}</assetHandle></getAssetJobLogsParam></soapenv:Body></soapenv:Envelope>`
  );
}

const hex = (n, width) => n.toString(16).padStart(width, '0');
/** Newest first, one a minute from 2026-02-03T12:00Z; `offset` interleaves two systems' times. */
const minutesBack = (i, offset) =>
  new Date(Date.UTC(2026, 1, 3, 12, 0, 0) - (2 * i + offset) * 30_000);

/**
 * `count` Business Central jobQueueLogEntries, newest first, shaped like
 * test/fixtures/business-central/job-queue-log-entries.page.json (every fifth one failed).
 */
function bcRecords(count) {
  return Array.from({ length: count }, (_, i) => {
    const start = minutesBack(i, 0);
    const failed = i % 5 === 4;
    return {
      '@odata.etag': `W/"JzE5OzM4Njc0OTQ5MzcyMDA4NTI0${hex(i, 6)}OzAwOyc="`,
      id: `4c0d6c2a-4f7e-4b8e-9d1a-${hex(i, 12)}`,
      jobQueueEntryId: '0d5b2f6e-8a3c-4e1f-9b7d-6c5a4e3f2d1c',
      userId: 'JOBQUEUE',
      startDateTime: start.toISOString(),
      endDateTime: new Date(start.getTime() + 21_367).toISOString(),
      objectIdToRun: 88,
      objectTypeToRun: 'Codeunit',
      status: failed ? 'Error' : 'Success',
      description: 'Sales Post via Job Queue',
      errorMessage: failed
        ? "The Sales Header does not exist. Identification fields and values: Document Type='Order',No.='S-ORD101009'"
        : '',
      jobQueueCategoryCode: 'SALESPOST',
      parameterString: '',
      systemTaskId: `9e8d7c6b-5a4f-4e3d-8c2b-${hex(i, 12)}`,
      userSessionId: 3712,
      userServiceInstanceId: 2,
      lastModifiedDateTime: new Date(start.getTime() + 21_401).toISOString(),
    };
  });
}

/**
 * `count` Losant application job logs, newest first, shaped like
 * test/fixtures/losant/application-job-log.completed.json (every fifth one errored).
 */
function losantRecords(count) {
  return Array.from({ length: count }, (_, i) => {
    const queued = minutesBack(i, 1);
    const errored = i % 5 === 4;
    return {
      applicationId: '575ec8687ae143cd83dc4a97',
      id: `684a1b0e7ae143cd${hex(i, 8)}`,
      input: { end: 1749686400000, start: 1749600000000 },
      jobExecutionId: `684a1b0e7ae143ce${hex(i, 8)}`,
      jobId: '575ec76c7ae143cd83dc4a96',
      name: 'ArchiveData',
      ...(errored
        ? { error: { message: 'Data table archive failed: bucket not writable' } }
        : { output: { eventsDirectory: `archive/575ec8687ae143cd83dc4a97/events/${hex(i, 24)}` } }),
      ownerId: '575ec8687ae143cd83dc4a97',
      ownerType: 'application',
      progress: { completed: 10, total: 10 },
      requestedByType: 'system',
      resourceId: '575ec8687ae143cd83dc4a97',
      resourceType: 'application',
      runCompletedAt: new Date(queued.getTime() + 461_118).toISOString(),
      runQueuedAt: queued.toISOString(),
      runStartedAt: new Date(queued.getTime() + 2_512).toISOString(),
      status: errored ? 'errored' : 'completed',
    };
  });
}

module.exports = {
  assetJobLogsEnvelope,
  assetJobLogsRequest,
  bcRecords,
  losantRecords,
};
