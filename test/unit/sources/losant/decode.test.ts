import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import { createLosantDecoder } from '../../../../src/sources/losant/decode';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'losant');
const fixture = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
const registry = createSchemaRegistry();
const lenient = createLosantDecoder('losant-prod', registry, false);
const strict = createLosantDecoder('losant-prod', registry, true);

const page = (items: unknown[]): Record<string, unknown> => ({
  ...fixture('application-job-logs.example.json'),
  items,
  count: items.length,
});

describe('createLosantDecoder', () => {
  describe('when a page holds valid job logs', () => {
    it('returns them with the item count and the totalCount', () => {
      const decoded = lenient.page(fixture('application-job-logs.example.json'), 0, 0);
      expect(decoded).toEqual({
        records: [fixture('application-job-log.example.json')],
        invalid: [],
        itemCount: 1,
        totalCount: 8,
      });
    });

    it('ignores keys the published schema does not name, as Losant allows them', () => {
      const loose = fixture('loose/application-job-log.unknown-keys.json');
      expect(lenient.page(page([loose]), 0, 0).records).toEqual([loose]);
    });
  });

  describe('when some job logs are invalid', () => {
    const items = [
      fixture('application-job-log.example.json'),
      fixture('invalid/application-job-log.status-not-in-enum.json'),
      fixture('loose/application-job-log.without-id.json'),
      fixture('application-job-log.queued.json'),
    ];

    it('reports each with its position in the read, pointer and message, and keeps the rest', () => {
      const decoded = lenient.page(page(items), 2, 20);
      expect(decoded.records.map((record) => record.id)).toEqual([
        '575ec76c7ae143cd83dc4a96',
        '684b00017ae143cd83dc4b30',
      ]);
      expect(decoded.invalid).toEqual([
        {
          index: 21,
          pointer: '/items/1/status',
          message: 'must be equal to one of the allowed values (page 2)',
        },
        { index: 22, pointer: '/items/2', message: "must have required property 'id' (page 2)" },
      ]);
      expect(decoded.itemCount).toBe(4);
    });

    it('rejects the page with GW_ERR_UPSTREAM_BAD_RESPONSE in strict mode', () => {
      expect(() => strict.page(page(items), 0, 0)).toThrow(
        expect.objectContaining({
          code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
          source: 'losant-prod',
          errors: [
            {
              pointer: '/items/1/status',
              message: 'must be equal to one of the allowed values (page 0)',
            },
            { pointer: '/items/2', message: "must have required property 'id' (page 0)" },
          ],
        }),
      );
    });
  });

  describe('when the envelope is wrong', () => {
    it.each([
      [
        'has no items array',
        fixture('loose/application-job-logs.without-items.json'),
        '',
        "must have required property 'items'",
      ],
      ['is not an object', [], '', 'must be object'],
      [
        'has a string count',
        { ...fixture('invalid/application-job-logs.count-not-integer.json') },
        '/count',
        'must be integer',
      ],
      [
        'has an unknown sortDirection',
        fixture('invalid/application-job-logs.sort-direction-unknown.json'),
        '/sortDirection',
        'must be equal to one of the allowed values',
      ],
    ])('throws GW_ERR_UPSTREAM_BAD_RESPONSE when it %s', (_case, body, pointer, message) => {
      expect(() => lenient.page(body, 0, 0)).toThrow(
        expect.objectContaining({
          code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
          errors: [{ pointer, message }],
        }),
      );
    });
  });

  describe('when reading a single job log', () => {
    it('returns a valid one', () => {
      const record = fixture('application-job-log.errored.json');
      expect(lenient.record(record)).toBe(record);
    });

    it('throws GW_ERR_UPSTREAM_BAD_RESPONSE for an invalid one, strict or not', () => {
      expect(() =>
        lenient.record(fixture('invalid/application-job-log.progress-not-object.json')),
      ).toThrow(
        expect.objectContaining({
          code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
          errors: [{ pointer: '/progress', message: 'must be object' }],
        }),
      );
    });
  });
});
