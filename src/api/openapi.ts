import { escapePointerToken } from '../codec/errors';
import type { SchemaRegistry } from '../schemas/registry';
import { LIST_PARAMS_SCHEMA, listParams } from '../joblogs/query';
import { HISTOGRAM_BUCKETS, HOURLY_RANGE_MS, MAX_BUCKETS } from '../joblogs/histogram';
import { CSV_COLUMNS, EXPORT_FORMATS } from './export-format';
import { PAGING_PARAMETERS } from './paging-params';

/** The OpenAPI document's own version; bump it with the public surface. */
const API_VERSION = '1.0.0';

/** Published schemas served as components, by component name. */
const COMPONENT_SCHEMAS = {
  UnifiedJobLog: 'unified-job-log',
  Problem: 'problem',
  JobLogListParams: LIST_PARAMS_SCHEMA,
  JobLogHistogram: 'job-log-histogram',
} as const;

// Values of these keywords are data, not schemas: a "$ref" inside them is no reference.
const DATA_KEYWORDS = new Set(['const', 'default', 'enum', 'examples', 'example']);

const problemResponse = (description: string): object => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers-11) on a rate-limited key's answers. */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Policy': {
    description: 'The key\'s limit, e.g. `"default";q=100;w=60` (100 requests per 60 s)',
    schema: { type: 'string' },
  },
  RateLimit: {
    description: 'What is left of it, e.g. `"default";r=42;t=30` (42 more in the next 30 s)',
    schema: { type: 'string' },
  },
};

/** The answers every /v1 operation may give besides its own: admission and authentication. */
const admissionResponses = (): Record<string, object> => ({
  '401': problemResponse('No or a wrong API key'),
  '429': {
    ...problemResponse("Over the key's rate limit (see Retry-After and RateLimit)"),
    headers: RATE_LIMIT_HEADERS,
  },
  '503': problemResponse(
    'Too many requests in process (in all or for this key), the gateway is shutting down, or the upstream is throttling (see Retry-After)',
  ),
});

/** A JSON pointer segment (RFC 6901) inside a URI fragment. */
const pointerSegment = (name: string): string => encodeURIComponent(escapePointerToken(name));

/**
 * The published schemas as components: without `$schema` and `$id`, and with every `$ref` (to
 * itself or to another published schema) turned into a reference to the component that holds it.
 */
function componentSchemas(registry: SchemaRegistry): Record<string, object> {
  const componentOf = new Map<string, string>();
  for (const [component, name] of Object.entries(COMPONENT_SCHEMAS)) {
    componentOf.set(String(registry.schema(name).$id), component);
  }
  const rewrite = (node: unknown, base: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => rewrite(item, base));
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (DATA_KEYWORDS.has(key)) return [key, value];
        if (key !== '$ref' || typeof value !== 'string') return [key, rewrite(value, base)];
        const target = new URL(value, base);
        const component = componentOf.get(
          target.href.slice(0, target.href.length - target.hash.length),
        );
        if (component === undefined) throw new Error(`${base}: $ref ${value} is no component`);
        return [key, `#/components/schemas/${component}${target.hash.slice(1)}`];
      }),
    );
  };
  return Object.fromEntries(
    Object.entries(COMPONENT_SCHEMAS).map(([component, name]) => {
      const { $schema: _dialect, $id: id, ...rest } = registry.schema(name);
      return [component, rewrite(rest, String(id)) as object];
    }),
  );
}

/**
 * GET /v1/job-logs's parameters (but those named in `leaveOut`), one per property of the
 * parameter schema, each referring to its property. Lists are comma-separated (form, not
 * exploded); repeating one is accepted too.
 */
function listParameters(registry: SchemaRegistry, leaveOut: readonly string[] = []): object[] {
  return listParams(registry)
    .filter(({ name }) => !leaveOut.includes(name))
    .map(({ name, description, isList }) => ({
      name,
      in: 'query',
      description,
      ...(isList ? { style: 'form', explode: false } : {}),
      schema: {
        $ref: `#/components/schemas/JobLogListParams/properties/${pointerSegment(name)}`,
      },
    }));
}

/** GET /v1/job-logs/export's parameters: the listing's filters (no paging) and `format`. */
function exportParameters(registry: SchemaRegistry): object[] {
  return [
    ...listParameters(registry, PAGING_PARAMETERS),
    {
      name: 'format',
      in: 'query',
      description:
        'ndjson (default): one unified record per line; csv: RFC 4180 with a header row and flat columns.',
      schema: { type: 'string', enum: [...EXPORT_FORMATS], default: 'ndjson' },
    },
  ];
}

/** GET /v1/job-logs/histogram's parameters: the listing's filters (no paging) and `bucket`. */
function histogramParameters(registry: SchemaRegistry): object[] {
  return [
    ...listParameters(registry, PAGING_PARAMETERS),
    {
      name: 'bucket',
      in: 'query',
      description: `The bucket length, on UTC boundaries. Default: hour when until - since is at most ${HOURLY_RANGE_MS / 3_600_000} hours, else day. At most ${MAX_BUCKETS} buckets.`,
      schema: { type: 'string', enum: [...HISTOGRAM_BUCKETS] },
    },
  ];
}

/** What an export says besides its records, in NDJSON lines of their own `type`. */
const EXPORT_REPORT_LINE = {
  description:
    'A line that is no record (records have no top-level `type`): `error` (a source failed; its later records are missing and the export goes on without it), `invalid` (records a source sent that failed validation and were left out), `incomplete` (the last line: the export stopped early, e.g. every remaining source failed).',
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['error', 'invalid', 'incomplete'] },
    source: { type: 'string' },
    error: { $ref: '#/components/schemas/Problem' },
    count: { type: 'integer' },
    records: { type: 'array', items: { type: 'object' } },
  },
};

/**
 * Builds the OpenAPI 3.1 document of the JSON API once at start-up. Record, problem and query
 * parameter shapes are the published JSON Schemas themselves (OpenAPI 3.1 speaks 2020-12), never
 * restated.
 */
export function buildOpenApi(registry: SchemaRegistry): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'joblog-gateway JSON API',
      version: API_VERSION,
      description:
        'Job logs from Scene7, Business Central and Losant in one validated shape. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A key from auth.apiKeys.' },
      },
      schemas: {
        ...componentSchemas(registry),
        ExportReportLine: EXPORT_REPORT_LINE,
        JobLogList: {
          type: 'object',
          required: ['items', 'count', 'truncated', 'errors', 'invalid'],
          properties: {
            items: { type: 'array', items: { $ref: '#/components/schemas/UnifiedJobLog' } },
            count: { type: 'integer' },
            truncated: { type: 'boolean', description: 'More records exist than were returned.' },
            next: { type: 'string', description: 'Cursor of the next page, when there is one.' },
            errors: {
              type: 'array',
              description: 'Sources that failed while others answered.',
              items: { $ref: '#/components/schemas/Problem' },
            },
            invalid: {
              type: 'array',
              description:
                'Per source, upstream records that failed their native schema and were left out.',
              items: {
                type: 'object',
                properties: {
                  source: { type: 'string' },
                  count: { type: 'integer' },
                  records: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        index: { type: 'integer' },
                        pointer: { type: 'string' },
                        message: { type: 'string' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths: {
      '/v1/job-logs': {
        get: {
          operationId: 'listJobLogs',
          summary: 'List job logs of one or more sources, newest first',
          parameters: listParameters(registry),
          responses: {
            '200': {
              description: 'A page of records',
              headers: {
                Link: {
                  description: 'rel="next" URL when there is a next page',
                  schema: { type: 'string' },
                },
                ...RATE_LIMIT_HEADERS,
              },
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/JobLogList' } },
              },
            },
            '400': problemResponse('A bad parameter, or the upstream refused the query'),
            '403': problemResponse('`source` names a source the key may not read'),
            ...admissionResponses(),
            '502': problemResponse('The upstream failed or answered something invalid'),
            '504': problemResponse('The upstream did not answer in time'),
          },
        },
      },
      '/v1/job-logs/export': {
        get: {
          operationId: 'exportJobLogs',
          summary: 'Every job log the filters select, streamed as NDJSON or CSV',
          description:
            "Reads page after page of the listing (newest first, each record once) and streams them as it reads, holding one page at a time; a slow reader slows the reading. Failures before the first byte are problem+json. Later ones are said in the stream: NDJSON lines with a `type` (see ExportReportLine); CSV rows whose `id` starts with `#` (`#error`, `#invalid` with the count in `details`, and `#incomplete` last), what happened in `message`. A spreadsheet formula at the start of a CSV cell (= + - @, tab, CR) is made text with a leading `'`.",
          parameters: exportParameters(registry),
          responses: {
            '200': {
              description: 'The records, streamed (chunked)',
              headers: RATE_LIMIT_HEADERS,
              content: {
                'application/x-ndjson': {
                  schema: {
                    description: 'One JSON text per line: a record, or a report line.',
                    oneOf: [
                      { $ref: '#/components/schemas/UnifiedJobLog' },
                      { $ref: '#/components/schemas/ExportReportLine' },
                    ],
                  },
                },
                'text/csv': {
                  schema: {
                    type: 'string',
                    description: `Header row: ${CSV_COLUMNS.join(',')} (details: their count).`,
                  },
                },
              },
            },
            '400': problemResponse(
              'A bad parameter (format is ndjson or csv; limit and cursor are not taken), or the upstream refused the query',
            ),
            '403': problemResponse('`source` names a source the key may not read'),
            ...admissionResponses(),
            '502': problemResponse('Every source failed on the first page'),
            '504': problemResponse('The upstream did not answer the first page in time'),
          },
        },
      },
      '/v1/job-logs/histogram': {
        get: {
          operationId: 'histogramOfJobLogs',
          summary: 'How many job logs the filters select, per hour or day, per source and status',
          description:
            '`since` is required; `until` defaults to now. Walks every page of the listing under the request deadline and counts at most 100,000 records (then `complete` is false). A first page that every source failed is answered as problem+json; a source failing later is listed in `errors` while the others still count.',
          parameters: histogramParameters(registry),
          responses: {
            '200': {
              description: 'The counts',
              headers: RATE_LIMIT_HEADERS,
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/JobLogHistogram' },
                },
              },
            },
            '400': problemResponse(
              'A bad parameter: since missing, bucket not hour or day, more than 1000 buckets, limit or cursor given; or the upstream refused the query',
            ),
            '403': problemResponse('`source` names a source the key may not read'),
            ...admissionResponses(),
            '502': problemResponse('Every source failed on the first page'),
            '504': problemResponse('The upstream did not answer the first page in time'),
          },
        },
      },
      '/v1/job-logs/{id}': {
        get: {
          operationId: 'getJobLog',
          summary: 'Read one job log again by the id a listing returned',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 2048 } },
          ],
          responses: {
            '200': {
              description: 'The record',
              headers: RATE_LIMIT_HEADERS,
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/UnifiedJobLog' } },
              },
            },
            '403': problemResponse('The record is of a source the key may not read'),
            '404': problemResponse('No such record'),
            ...admissionResponses(),
            '502': problemResponse('The upstream failed'),
          },
        },
      },
      '/v1/sources': {
        get: {
          operationId: 'listSources',
          summary: 'The configured sources the key may read',
          responses: {
            '200': {
              description: 'Sources',
              headers: RATE_LIMIT_HEADERS,
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      items: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            id: { type: 'string' },
                            type: {
                              type: 'string',
                              enum: ['scene7', 'business-central', 'losant'],
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            ...admissionResponses(),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          security: [],
          summary: 'The process answers',
          responses: { '200': { description: 'Up' } },
        },
      },
      '/readyz': {
        get: {
          operationId: 'readiness',
          security: [],
          summary: 'Every source answers',
          responses: {
            '200': { description: 'Ready, with each source state' },
            '503': { description: 'A source is unreachable' },
          },
        },
      },
    },
  };
}
