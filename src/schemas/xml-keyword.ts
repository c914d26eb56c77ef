import type { KeywordDefinition } from 'ajv';

/**
 * The `xml` annotation (OpenAPI's XML Object, plus `nodeType` from OpenAPI 3.2), declared to ajv
 * so strict mode stays on. It does not validate data: the codec reads it to map XML and JSON.
 */
export const xmlKeyword: KeywordDefinition = {
  keyword: 'xml',
  metaSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      namespace: { type: 'string' },
      prefix: { type: 'string' },
      attribute: { type: 'boolean' },
      wrapped: { type: 'boolean' },
      nodeType: { enum: ['element', 'attribute', 'text'] },
    },
  },
};
