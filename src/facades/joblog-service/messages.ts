import { compileCodec, type Codec } from '../../codec';
import { toSchemaUri, type SchemaRegistry } from '../../schemas/registry';

/** The service's XML namespace: its messages, their elements and types. */
export const JOBLOG_SERVICE_NS = 'https://joblog-gateway.example/soap/JobLogService/v1';

/** $id of the message schemas below (they are not published files: they exist for XML only). */
export const MESSAGES_ID = `${JOBLOG_SERVICE_NS}/messages.json`;

const UNIFIED = toSchemaUri('unified-job-log');
const PROBLEM = toSchemaUri('problem');
const LIST_PARAMS = toSchemaUri('job-log-list-params');

const ref = (def: string): { $ref: string } => ({ $ref: `#/$defs/${def}` });
const closedObject = (
  properties: Record<string, unknown>,
  required: readonly string[],
): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

/**
 * The unified job log as XML carries it: every property is the unified schema's own (by $ref,
 * so its types and facets come from schemas/unified-job-log.schema.json), except `raw`, the
 * native record, which travels as its JSON text: lossless for all three sources (a Business
 * Central or Losant record has no XML form of its own, and a Scene7 record's XML form would need
 * the IPS namespaces and types in this WSDL), and one string type whatever the source.
 */
function jobLogView(unified: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const properties = unified.properties as Readonly<Record<string, unknown>>;
  const required = unified.required as readonly string[];
  return {
    ...closedObject(
      Object.fromEntries(
        Object.keys(properties).map((key) => [
          key,
          key === 'raw'
            ? {
                description:
                  'The native record exactly as the upstream sent it (after XML -> JSON for SOAP sources), as JSON text.',
                type: 'string',
                contentMediaType: 'application/json',
              }
            : { $ref: `${UNIFIED}#/properties/${key}` },
        ]),
      ),
      required,
    ),
    description: unified.description,
  };
}

/**
 * The message schemas: JSON Schema for the XML the service reads and writes, from which the
 * codecs are compiled and the WSDL's XSD generated (so the two cannot disagree). Request and
 * response shapes follow GET /v1/job-logs, /v1/job-logs/{id} and /v1/sources; the element names
 * of repeated items are singular (`jobLog`, `error`, `record`, `source`).
 */
function messageSchemas(unified: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const invalidRecord = closedObject(
    {
      index: { type: 'integer', description: 'Position of the record in the upstream response.' },
      pointer: { type: 'string', description: 'JSON pointer of the first violation.' },
      message: { type: 'string' },
    },
    ['index', 'pointer', 'message'],
  );
  return {
    $id: MESSAGES_ID,
    $defs: {
      JobLog: jobLogView(unified),
      ListJobLogs: {
        description: 'The filters and paging of GET /v1/job-logs, one element each (lists repeat).',
        $ref: LIST_PARAMS,
      },
      ListJobLogsResponse: closedObject(
        {
          items: { type: 'array', items: { ...ref('JobLog'), xml: { name: 'jobLog' } } },
          count: { type: 'integer' },
          truncated: { type: 'boolean', description: 'More records exist than were returned.' },
          next: {
            type: 'string',
            description: 'Cursor of the next page (pass it as `cursor` with the same filters).',
          },
          errors: {
            description: 'Sources that failed while others answered.',
            type: 'array',
            items: { $ref: PROBLEM, xml: { name: 'error' } },
          },
          invalid: {
            description: 'Per source, upstream records that failed validation and were left out.',
            type: 'array',
            items: closedObject(
              {
                source: { type: 'string' },
                count: { type: 'integer' },
                records: { type: 'array', items: { ...invalidRecord, xml: { name: 'record' } } },
              },
              ['source', 'count', 'records'],
            ),
          },
        },
        ['items', 'count', 'truncated', 'errors', 'invalid'],
      ),
      GetJobLog: closedObject({ id: { $ref: `${UNIFIED}#/properties/id` } }, ['id']),
      GetJobLogResponse: closedObject({ jobLog: ref('JobLog') }, ['jobLog']),
      ListSources: closedObject({}, []),
      ListSourcesResponse: closedObject(
        {
          items: {
            type: 'array',
            items: { $ref: `${UNIFIED}#/properties/source`, xml: { name: 'source' } },
          },
        },
        ['items'],
      ),
    },
  };
}

/** The service's messages: element name -> $defs entry, in WSDL order. */
export const MESSAGE_ELEMENTS = {
  listJobLogs: 'ListJobLogs',
  listJobLogsResponse: 'ListJobLogsResponse',
  getJobLog: 'GetJobLog',
  getJobLogResponse: 'GetJobLogResponse',
  listSources: 'ListSources',
  listSourcesResponse: 'ListSourcesResponse',
} as const;

export type MessageElement = keyof typeof MESSAGE_ELEMENTS;

/** The element of a fault's detail: a problem (schemas/problem.schema.json). */
export const FAULT_ELEMENT = 'jobLogServiceFault';

/** The message schemas with a resolver that finds them and every published schema. */
export interface JobLogServiceSchemas {
  readonly messages: Readonly<Record<string, unknown>>;
  readonly resolve: (uri: string) => object | undefined;
  /** `{ $ref }` to a message $def. */
  readonly ref: (def: string) => object;
  /** Named XSD types: the job log, its source and the problem. */
  readonly types: ReadonlyArray<{ readonly name: string; readonly schema: object }>;
  /** The fault detail's schema. */
  readonly problem: object;
}

/** Builds the message schemas from the registry's unified schema (once, at start-up). */
export function jobLogServiceSchemas(registry: SchemaRegistry): JobLogServiceSchemas {
  const messages = messageSchemas(registry.schema('unified-job-log'));
  const resolve = (uri: string): object | undefined =>
    uri === MESSAGES_ID ? messages : registry.resolveUri(uri);
  const defRef = (def: string): object => ({ $ref: `${MESSAGES_ID}#/$defs/${def}` });
  return {
    messages,
    resolve,
    ref: defRef,
    types: [
      { name: 'JobLog', schema: defRef('JobLog') },
      { name: 'JobLogSource', schema: { $ref: `${UNIFIED}#/properties/source` } },
      { name: 'Problem', schema: { $ref: PROBLEM } },
    ],
    problem: { $ref: PROBLEM },
  };
}

/** Codecs of every message and of the fault detail, compiled once. */
export interface JobLogServiceCodecs {
  readonly messages: Readonly<Record<MessageElement, Codec>>;
  readonly fault: Codec;
}

/** Compiles the codecs of the service's messages (at start-up, never per request). */
export function jobLogServiceCodecs(schemas: JobLogServiceSchemas): JobLogServiceCodecs {
  const options = { resolve: schemas.resolve };
  const messages = Object.fromEntries(
    Object.entries(MESSAGE_ELEMENTS).map(([element, def]) => [
      element,
      compileCodec(schemas.ref(def), options),
    ]),
  ) as Record<MessageElement, Codec>;
  return { messages, fault: compileCodec(schemas.problem, options) };
}
