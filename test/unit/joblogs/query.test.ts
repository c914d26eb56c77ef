import { GatewayError } from '../../../src/errors/gateway-error';
import { createCursorCodec } from '../../../src/joblogs/cursor';
import { createListParamsParser } from '../../../src/joblogs/query';
import { createSchemaRegistry } from '../../../src/schemas/registry';

const cursors = createCursorCodec(['a-cursor-secret-of-at-least-32-chars']);
const parser = createListParamsParser(createSchemaRegistry(), cursors);
const CALLER = 'key:tests';
const parseListParams = (params: Record<string, unknown>) => parser(params, CALLER);

function errorOf(params: Record<string, unknown>): GatewayError {
  try {
    parseListParams(params);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('createListParamsParser', () => {
  describe('when given no parameters', () => {
    it('asks every source for the schema default number of records', () => {
      expect(parseListParams({})).toEqual({ query: { limit: 100 } });
    });
  });

  describe('when given every filter', () => {
    it('parses lists, times (to UTC), the limit and the Scene7 asset handle', () => {
      expect(
        parseListParams({
          source: 'scene7-eu,scene7-us',
          status: ['failed', 'warning'],
          since: '2026-01-01T00:00:00+01:00',
          until: '2026-02-01T00:00:00Z',
          assetHandle: 'a|732|1|535',
          limit: '25',
        }),
      ).toEqual({
        sources: ['scene7-eu', 'scene7-us'],
        query: {
          limit: 25,
          status: ['failed', 'warning'],
          since: '2025-12-31T23:00:00.000Z',
          until: '2026-02-01T00:00:00.000Z',
          forType: { scene7: { assetHandle: 'a|732|1|535' } },
        },
      });
    });
  });

  describe('when given free text (q)', () => {
    it('carries it as the query text, as given (case and spaces kept, commas no list)', () => {
      expect(parseListParams({ q: ' Worker Lost, again ' }).query).toEqual({
        limit: 100,
        text: ' Worker Lost, again ',
      });
    });

    it('takes up to 200 characters, counted as code points', () => {
      expect(parseListParams({ q: 'é'.repeat(200) }).query.text).toHaveLength(200);
      expect(parseListParams({ q: '😀'.repeat(200) }).query.text).toBe('😀'.repeat(200));
    });
  });

  describe('when the limit is text', () => {
    it.each([
      ['5', 5],
      ['1', 1],
      ['1000', 1000],
      [['7'], 7],
    ])('coerces %j to %i', (limit, expected) => {
      expect(parseListParams({ limit }).query.limit).toBe(expected);
    });
  });

  describe('when a list parameter is comma-separated, repeated or both', () => {
    it.each([
      [{ status: 'failed,warning' }],
      [{ status: ['failed', 'warning'] }],
      [{ status: ['failed', 'warning,failed'] }],
      [{ status: 'failed, warning' }],
    ])('reads %j as failed and warning, once each', (params) => {
      expect(parseListParams(params).query.status).toEqual(['failed', 'warning']);
    });

    it('reads one source as a list of one', () => {
      expect(parseListParams({ source: 'losant-prod' }).sources).toEqual(['losant-prod']);
    });
  });

  describe('when given an asset handle', () => {
    it('puts it in the Scene7 part of the query, not beside the common filters', () => {
      const { query } = parseListParams({ assetHandle: 'a|732|1|535' });
      expect(query).toEqual({ limit: 100, forType: { scene7: { assetHandle: 'a|732|1|535' } } });
    });

    it('takes 512 characters', () => {
      const assetHandle = 'a'.repeat(512);
      expect(parseListParams({ assetHandle }).query.forType).toEqual({ scene7: { assetHandle } });
    });
  });

  describe('when given a cursor', () => {
    it('continues only the query the cursor was made for', () => {
      const params = { assetHandle: 'a|732|1|535', limit: '2' };
      const { sources, query } = parseListParams(params);
      const position = { time: '2026-01-01T00:00:00.000Z', id: 'scene7-eu.abc' };
      const cursor = cursors.encode(position, { sources, query, caller: CALLER });
      expect(parseListParams({ ...params, cursor }).after).toEqual(position);
      expect(errorOf({ ...params, limit: '3', cursor }).parameter).toBe('cursor');
      expect(() => parser({ ...params, cursor }, 'key:someone-else')).toThrow(GatewayError);
    });
  });

  describe('when a parameter is bad', () => {
    it.each([
      [{ limit: '0' }, 'limit', '"limit" must be a whole number from 1 to 1000.'],
      [{ limit: '1001' }, 'limit', '"limit" must be a whole number from 1 to 1000.'],
      [{ limit: '1e2' }, 'limit', '"limit" must be a whole number from 1 to 1000.'],
      [{ limit: '0x10' }, 'limit', '"limit" must be a whole number from 1 to 1000.'],
      [{ limit: ' 5' }, 'limit', '"limit" must be a whole number from 1 to 1000.'],
      [{ limit: '' }, 'limit', '"limit" must be a whole number from 1 to 1000.'],
      [{ limit: ['1e2'] }, 'limit', '"limit" must be a whole number from 1 to 1000.'],
      [{ limit: ['1', '2'] }, 'limit', 'Give "limit" once, as plain text.'],
      [{ cursor: ['a', 'b'] }, 'cursor', 'Give "cursor" once, as plain text.'],
      [{ assetHandle: { a: '1' } }, 'assetHandle', 'Give "assetHandle" once, as plain text.'],
      [
        { status: 'done' },
        'status',
        '"status" values are queued, running, succeeded, warning, failed, unknown.',
      ],
      [
        { status: 'failed,' },
        'status',
        '"status" values are queued, running, succeeded, warning, failed, unknown.',
      ],
      [{ source: 'Scene7 EU' }, 'source', '"source" must be a comma-separated list of source ids.'],
      [{ source: '' }, 'source', '"source" must be a comma-separated list of source ids.'],
      [
        { since: '2026-01-01' },
        'since',
        '"since" must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.',
      ],
      [
        { since: '2026-01-01T00:00:00' },
        'since',
        '"since" must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.',
      ],
      [
        { until: '2026-01-01 00:00:00Z' },
        'until',
        '"until" must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.',
      ],
      [
        { until: '2026-02-30T00:00:00Z' },
        'until',
        '"until" must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.',
      ],
      [
        { since: '2016-12-31T23:59:60Z' },
        'since',
        '"since" must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.',
      ],
      [
        { since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' },
        'until',
        '"until" must be later than "since".',
      ],
      [
        { since: '2026-01-01T01:00:00+01:00', until: '2026-01-01T00:00:00Z' },
        'until',
        '"until" must be later than "since".',
      ],
      [{ assetHandle: '' }, 'assetHandle', '"assetHandle" must be 1 to 512 characters.'],
      [
        { assetHandle: 'a'.repeat(513) },
        'assetHandle',
        '"assetHandle" must be 1 to 512 characters.',
      ],
      [{ limits: '5' }, 'limits', 'Unknown query parameter "limits".'],
      [{ status: 'failed', search: 'x' }, 'search', 'Unknown query parameter "search".'],
      [
        { q: '' },
        'q',
        '"q" is the text to search job names and messages for: 1 to 200 characters.',
      ],
      [
        { q: 'x'.repeat(201) },
        'q',
        '"q" is the text to search job names and messages for: 1 to 200 characters.',
      ],
      [{ q: ['timeout', 'lost'] }, 'q', 'Give "q" once, as plain text.'],
    ])('refuses %j naming %s', (params, parameter, message) => {
      const error = errorOf(params);
      expect(error.code).toBe('GW_ERR_INVALID_PARAMETER');
      expect(error.parameter).toBe(parameter);
      expect(error.message).toBe(message);
    });

    it('treats a "__proto__" key as an unknown parameter, not as a prototype', () => {
      const params = JSON.parse('{"__proto__": {"limit": "5"}}') as Record<string, unknown>;
      expect(errorOf(params).parameter).toBe('__proto__');
    });
  });

  describe('when called again', () => {
    it('leaves the caller’s parameters as they were', () => {
      const params = { status: 'failed,warning', limit: '5' };
      parseListParams(params);
      expect(params).toEqual({ status: 'failed,warning', limit: '5' });
    });
  });
});
