import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaRegistry } from '../../../../src/schemas/registry';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'losant');
const registry = createSchemaRegistry();

/** Which published schema a fixture is for, from its file name (see the fixtures' README). */
function schemaOf(file: string): string {
  if (file.startsWith('application-job-logs.')) return 'losant-job-logs';
  if (file.startsWith('application-job-log.')) return 'losant-job-log';
  if (file.startsWith('error.')) return 'losant-error';
  throw new Error(`no schema for fixture ${file}`);
}

const fixtures = (folder: string): Array<[string, string, unknown]> =>
  readdirSync(join(FIXTURES, folder))
    .filter((file) => file.endsWith('.json'))
    .map((file) => [
      file,
      schemaOf(file),
      JSON.parse(readFileSync(join(FIXTURES, folder, file), 'utf8')) as unknown,
    ]);

describe('schemas/losant-*.schema.json', () => {
  describe('when loaded into the registry', () => {
    it('keeps the published draft-07 dialect and the 19 job-log properties', () => {
      const jobLog = registry.schema('losant-job-log');
      expect(jobLog.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(jobLog.$id).toBe('https://joblog-gateway.example/schemas/losant-job-log.schema.json');
      expect(Object.keys(jobLog.properties as object)).toEqual([
        'id',
        'jobId',
        'jobExecutionId',
        'name',
        'applicationId',
        'runQueuedAt',
        'runStartedAt',
        'runCompletedAt',
        'status',
        'requestedById',
        'requestedByType',
        'ownerType',
        'ownerId',
        'resourceType',
        'resourceId',
        'progress',
        'error',
        'input',
        'output',
      ]);
    });

    it('sets no `required` and no `additionalProperties`, as published', () => {
      for (const name of ['losant-job-log', 'losant-job-logs', 'losant-error']) {
        const schema = registry.schema(name);
        expect(schema.required).toBeUndefined();
        expect(schema.additionalProperties).toBeUndefined();
      }
    });
  });

  describe('when given the published examples and realistic records', () => {
    it.each(fixtures('.'))('accepts %s (%s)', (_file, schema, document) => {
      const validate = registry.validator(schema);
      expect(validate(document)).toBe(true);
    });
  });

  describe('when given a document with one violation', () => {
    it.each(fixtures('invalid'))('refuses %s (%s)', (_file, schema, document) => {
      const validate = registry.validator(schema);
      expect(validate(document)).toBe(false);
      expect(validate.errors?.[0]?.message).toEqual(expect.any(String));
    });
  });

  describe('when given a document only the gateway refuses', () => {
    it.each(fixtures('loose'))('accepts %s (%s) as Losant would', (_file, schema, document) => {
      expect(registry.validator(schema)(document)).toBe(true);
    });

    it.each([
      ['application-job-log.without-id.json', 'JobLog', "must have required property 'id'"],
      [
        'application-job-logs.without-items.json',
        'JobLogsPage',
        "must have required property 'items'",
      ],
    ])('refuses %s against losant-gateway-requirements', (file, definition, message) => {
      const validate = registry.validator(`losant-gateway-requirements#/definitions/${definition}`);
      const document = JSON.parse(readFileSync(join(FIXTURES, 'loose', file), 'utf8')) as unknown;
      expect(validate(document)).toBe(false);
      expect(validate.errors?.[0]?.message).toBe(message);
    });
  });
});
