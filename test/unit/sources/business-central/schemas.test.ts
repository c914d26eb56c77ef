/**
 * schemas/business-central-*.schema.json against the fixtures in test/fixtures/business-central
 * (their README names where each shape comes from).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaRegistry } from '../../../../src/schemas/registry';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'business-central');
const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;

const registry = createSchemaRegistry();
const validateEntry = registry.validator('business-central-job-queue-log-entry');
const validateCollection = registry.validator(
  'business-central-job-queue-log-entry#/$defs/JobQueueLogEntryCollection',
);
const validateError = registry.validator('business-central-error');

interface EntryCase {
  case: string;
  set?: Record<string, unknown>;
  unset?: string[];
  pointer: string;
}
interface DocumentCase {
  case: string;
  document: unknown;
}

describe('business-central-job-queue-log-entry schema', () => {
  describe('when given the published shapes', () => {
    const page = fixture<{ value: unknown[] }>('job-queue-log-entries.page.json');

    it('accepts the collection envelope', () => {
      expect(validateCollection(page)).toBe(true);
    });

    it.each(page.value.map((entity, index) => [index, entity]))(
      'accepts entity %i of the page',
      (_index, entity) => {
        expect(validateEntry(entity)).toBe(true);
      },
    );

    it('accepts a single-entity answer with its /$entity context', () => {
      expect(validateEntry(fixture('job-queue-log-entry.entity.json'))).toBe(true);
    });

    it('accepts the option caption "In Process" without annotations', () => {
      expect(validateEntry(fixture('job-queue-log-entry.caption-status.json'))).toBe(true);
    });

    it('accepts an empty last page', () => {
      expect(validateCollection({ '@odata.context': 'x', value: [], '@odata.count': 0 })).toBe(
        true,
      );
    });
  });

  describe('when an entity breaks the contract', () => {
    const base = fixture('job-queue-log-entry.entity.json');
    it.each(fixture<EntryCase[]>('invalid/job-queue-log-entry.cases.json').map((c) => [c.case, c]))(
      'rejects %s',
      (_name, { set, unset, pointer }) => {
        const entity: Record<string, unknown> = { ...base, ...set };
        for (const name of unset ?? []) delete entity[name];
        expect(validateEntry(entity)).toBe(false);
        expect(validateEntry.errors?.[0]?.instancePath).toBe(pointer);
      },
    );
  });

  describe('when an envelope is not an OData collection', () => {
    it.each(
      fixture<DocumentCase[]>('invalid/collection.cases.json').map((c) => [c.case, c.document]),
    )('rejects %s', (_name, document) => {
      expect(validateCollection(document)).toBe(false);
    });
  });
});

describe('business-central-error schema', () => {
  describe('when given BC error bodies', () => {
    it.each(['error.option.json', 'error.unauthorized.json', 'error.odata-details.json'])(
      'accepts %s',
      (name) => {
        expect(validateError(fixture(name))).toBe(true);
      },
    );
  });

  describe('when given other error shapes', () => {
    it.each(fixture<DocumentCase[]>('invalid/error.cases.json').map((c) => [c.case, c.document]))(
      'rejects %s',
      (_name, document) => {
        expect(validateError(document)).toBe(false);
      },
    );
  });
});
