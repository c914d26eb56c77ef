import type { SchemaRegistry } from '../schemas/registry';
import { MAX_LIMIT, DEFAULT_LIMIT } from '../joblogs/query';

/** The OpenAPI document's own version; bump it with the public surface. */
const API_VERSION = '1.0.0';

const problemResponse = (description: string): object => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const listParameters = [
  {
    name: 'source',
    in: 'query',
    description: 'Source ids, comma-separated (default: all).',
    schema: { type: 'string' },
  },
  {
    name: 'status',
    in: 'query',
    description: 'Unified statuses, comma-separated.',
    schema: { type: 'string' },
    examples: {
      failed: { value: 'failed' },
      several: { value: 'failed,warning' },
    },
  },
  {
    name: 'since',
    in: 'query',
    description: 'Inclusive lower bound on `time` (RFC 3339 with offset).',
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'until',
    in: 'query',
    description: 'Exclusive upper bound on `time` (RFC 3339 with offset).',
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'assetHandle',
    in: 'query',
    description: 'Scene7: the logs of this asset (getAssetJobLogs).',
    schema: { type: 'string', maxLength: 512 },
  },
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  },
  {
    name: 'cursor',
    in: 'query',
    description: 'The `next` of the previous page, with the same other parameters.',
    schema: { type: 'string' },
  },
];

/**
 * Builds the OpenAPI 3.1 document of the JSON API once at start-up. Record and problem shapes are
 * the published JSON Schemas themselves (OpenAPI 3.1 speaks 2020-12), never restated.
 */
export function buildOpenApi(registry: SchemaRegistry): object {
  const schema = (name: string): object => {
    const { $schema: _dialect, $id: _id, ...rest } = registry.schema(name);
    return rest;
  };
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
        UnifiedJobLog: schema('unified-job-log'),
        Problem: schema('problem'),
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
          parameters: listParameters,
          responses: {
            '200': {
              description: 'A page of records',
              headers: {
                Link: {
                  description: 'rel="next" URL when there is a next page',
                  schema: { type: 'string' },
                },
              },
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/JobLogList' } },
              },
            },
            '400': problemResponse('A bad parameter, or the upstream refused the query'),
            '401': problemResponse('No or a wrong API key'),
            '502': problemResponse('The upstream failed or answered something invalid'),
            '503': problemResponse('The upstream is throttling (see Retry-After)'),
            '504': problemResponse('The upstream did not answer in time'),
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
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/UnifiedJobLog' } },
              },
            },
            '401': problemResponse('No or a wrong API key'),
            '404': problemResponse('No such record'),
            '502': problemResponse('The upstream failed'),
          },
        },
      },
      '/v1/sources': {
        get: {
          operationId: 'listSources',
          summary: 'The configured sources',
          responses: {
            '200': {
              description: 'Sources',
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
            '401': problemResponse('No or a wrong API key'),
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
