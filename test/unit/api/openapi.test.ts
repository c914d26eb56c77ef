import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApi } from '../../../src/api/openapi';
import { createSchemaRegistry } from '../../../src/schemas/registry';

const registry = createSchemaRegistry();

interface Parameter {
  name: string;
  in: string;
  description?: string;
  style?: string;
  explode?: boolean;
  schema: { $ref: string };
}

interface Doc {
  components: { schemas: Record<string, Record<string, unknown>> };
  paths: Record<string, { get: { parameters?: Parameter[] } }>;
}

const doc = buildOpenApi(registry) as Doc;
const paramsSchema = registry.schema('job-log-list-params') as {
  properties: Record<string, { description: string; type?: string }>;
};
const listParameters = doc.paths['/v1/job-logs']!.get.parameters!;

/** Every `$ref` in a document, with where it stands. */
function refsOf(node: unknown, at = ''): Array<[string, string]> {
  if (Array.isArray(node)) return node.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string'
      ? [[at, value] as [string, string]]
      : refsOf(value, `${at}/${key}`),
  );
}

/** Follows a local `#/...` JSON pointer; undefined when it leads nowhere. */
function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const segments = decodeURIComponent(ref.slice(1)).split('/').slice(1);
  return segments.reduce<unknown>((node, segment) => {
    if (typeof node !== 'object' || node === null) return undefined;
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }, root);
}

describe('buildOpenApi', () => {
  describe('GET /v1/job-logs parameters', () => {
    it('name exactly the properties of schemas/job-log-list-params.schema.json, in its order', () => {
      expect(listParameters.map((parameter) => parameter.name)).toEqual(
        Object.keys(paramsSchema.properties),
      );
    });

    it('are query parameters that refer to their schema property and carry its description', () => {
      for (const parameter of listParameters) {
        const property = paramsSchema.properties[parameter.name]!;
        expect(parameter).toMatchObject({
          in: 'query',
          description: property.description,
          schema: { $ref: `#/components/schemas/JobLogListParams/properties/${parameter.name}` },
        });
      }
    });

    it('describe list parameters as comma-separated (form, not exploded)', () => {
      const lists = listParameters.filter((parameter) => parameter.style !== undefined);
      expect(lists.map((parameter) => parameter.name)).toEqual(['source', 'status']);
      for (const parameter of lists) expect(parameter).toMatchObject({ explode: false });
    });

    it('restate nothing: the component is the published schema, refs pointing at components', () => {
      const { $schema: _s, $id: _i, ...published } = registry.schema('job-log-list-params');
      const asComponent = JSON.stringify(published)
        .replaceAll('"unified-job-log.schema.json#', '"#/components/schemas/UnifiedJobLog')
        .replaceAll('"#/$defs/', '"#/components/schemas/JobLogListParams/$defs/');
      expect(doc.components.schemas.JobLogListParams).toEqual(JSON.parse(asComponent));
    });
  });

  describe('GET /v1/job-logs/histogram', () => {
    it('takes the listing filters but paging, q included, and bucket', () => {
      const names = doc.paths['/v1/job-logs/histogram']!.get.parameters!.map(({ name }) => name);
      expect(names).toEqual([
        ...Object.keys(paramsSchema.properties).filter(
          (name) => name !== 'limit' && name !== 'cursor',
        ),
        'bucket',
      ]);
      expect(names).toContain('q');
    });

    it('describes its answer with the published schemas/job-log-histogram.schema.json', () => {
      const { $schema: _s, $id: _i, ...published } = registry.schema('job-log-histogram');
      const asComponent = JSON.stringify(published)
        .replaceAll('"unified-job-log.schema.json#', '"#/components/schemas/UnifiedJobLog')
        .replaceAll('"problem.schema.json"', '"#/components/schemas/Problem"');
      expect(doc.components.schemas.JobLogHistogram).toEqual(JSON.parse(asComponent));
      const ok = (
        doc.paths['/v1/job-logs/histogram']!.get as unknown as {
          responses: Record<string, { content: Record<string, { schema: unknown }> }>;
        }
      ).responses['200']!.content['application/json']!.schema;
      expect(ok).toEqual({ $ref: '#/components/schemas/JobLogHistogram' });
    });
  });

  describe('the document', () => {
    it('has no $ref that leads nowhere', () => {
      const refs = refsOf(doc);
      expect(refs.length).toBeGreaterThan(0);
      const broken = refs.filter(([, ref]) => resolve(doc, ref) === undefined);
      expect(broken).toEqual([]);
    });

    it('lets a validator built from it judge parameters as the gateway does', () => {
      const ajv = new Ajv2020({ strict: false });
      addFormats(ajv);
      ajv.addSchema({ ...doc, $id: 'https://openapi.test/doc' });
      const at = (pointer: string) => ajv.compile({ $ref: `https://openapi.test/doc#${pointer}` });
      const params = at('/components/schemas/JobLogListParams');
      expect(params({ status: ['failed', 'warning'], limit: 5 })).toBe(true);
      expect(params({ status: ['done'] })).toBe(false);
      expect(params({ limit: 1001 })).toBe(false);
      expect(params({ since: '2026-01-01T00:00:00' })).toBe(false);
      expect(params({ limits: 5 })).toBe(false);
      const status = at('/components/schemas/JobLogListParams/properties/status');
      expect(status(['failed'])).toBe(true);
      expect(params({ q: 'worker lost' })).toBe(true);
      expect(params({ q: '' })).toBe(false);
      expect(params({ q: 'x'.repeat(201) })).toBe(false);
    });
  });
});
