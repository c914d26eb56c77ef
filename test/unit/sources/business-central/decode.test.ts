import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayError } from '../../../../src/errors/gateway-error';
import { createSchemaRegistry } from '../../../../src/schemas/registry';
import { createBusinessCentralDecoder } from '../../../../src/sources/business-central/decode';
import { createErrorMapper } from '../../../../src/sources/business-central/errors';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'business-central');
const text = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const registry = createSchemaRegistry();
const page = JSON.parse(text('job-queue-log-entries.page.json')) as {
  value: Array<Record<string, unknown>>;
  '@odata.nextLink': string;
};
const withBrokenSecond = Buffer.from(
  JSON.stringify({
    ...page,
    value: [page.value[0], { ...page.value[1], status: 'Finished' }, page.value[2]],
  }),
);

describe('createBusinessCentralDecoder', () => {
  describe('when a page is valid', () => {
    it('returns its records, its size and its nextLink', () => {
      const decoded = createBusinessCentralDecoder('bc', registry, false).page(
        Buffer.from(JSON.stringify(page)),
        0,
      );
      expect(decoded.records).toHaveLength(3);
      expect(decoded.invalid).toEqual([]);
      expect(decoded.size).toBe(3);
      expect(decoded.nextLink).toBe(page['@odata.nextLink']);
    });
  });

  describe('when a page holds an invalid record', () => {
    it('reports it with its position across pages and keeps the others', () => {
      const decoded = createBusinessCentralDecoder('bc', registry, false).page(
        withBrokenSecond,
        200,
      );
      expect(decoded.records.map((record) => record.id)).toEqual([
        page.value[0]!.id,
        page.value[2]!.id,
      ]);
      expect(decoded.invalid).toEqual([
        {
          index: 201,
          pointer: '/value/201/status',
          message: 'must be equal to one of the allowed values',
        },
      ]);
      expect(decoded.size).toBe(3);
    });

    it('rejects the whole page in strict mode', () => {
      const decode = (): unknown =>
        createBusinessCentralDecoder('bc', registry, true).page(withBrokenSecond, 0);
      expect(decode).toThrow(GatewayError);
      expect(decode).toThrow(
        expect.objectContaining({
          code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
          errors: [
            { pointer: '/value/1/status', message: 'must be equal to one of the allowed values' },
          ],
        }) as Error,
      );
    });
  });

  describe('when the body is not an OData collection', () => {
    it.each([
      ['not JSON', '<html>Service Unavailable</html>'],
      ['truncated JSON', '{"value":[{"id":"b2c3'],
      ['a JSON array', '[]'],
      ['an error body with 200', text('error.option.json')],
    ])('throws GW_ERR_UPSTREAM_BAD_RESPONSE for %s', (_case, body) => {
      expect(() =>
        createBusinessCentralDecoder('bc', registry, false).page(Buffer.from(body), 0),
      ).toThrow(
        expect.objectContaining({ code: 'GW_ERR_UPSTREAM_BAD_RESPONSE', source: 'bc' }) as Error,
      );
    });
  });

  describe('when decoding one entity', () => {
    it('drops the answer-level @odata.context and keeps the rest as sent', () => {
      const entity = createBusinessCentralDecoder('bc', registry, false).entity(
        Buffer.from(text('job-queue-log-entry.entity.json')),
      );
      expect(entity).toEqual(page.value[2]);
    });

    it('throws GW_ERR_UPSTREAM_BAD_RESPONSE for an invalid one, even when not strict', () => {
      const body = Buffer.from(JSON.stringify({ ...page.value[0], userSessionId: '12' }));
      expect(() => createBusinessCentralDecoder('bc', registry, false).entity(body)).toThrow(
        expect.objectContaining({
          errors: [{ pointer: '/userSessionId', message: 'must be integer' }],
        }) as Error,
      );
    });
  });
});

describe('createErrorMapper', () => {
  const map = createErrorMapper('bc', registry);
  const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
    map({ status, headers, body: Buffer.from(body), attempts: 1 });

  describe('when BC answers with its error body', () => {
    it.each([
      [400, 'GW_ERR_UPSTREAM_REJECTED_QUERY'],
      [401, 'GW_ERR_UPSTREAM_REJECTED_CREDS'],
      [403, 'GW_ERR_UPSTREAM_REJECTED_CREDS'],
      [404, 'GW_ERR_UPSTREAM_FAULT'],
      [405, 'GW_ERR_UPSTREAM_FAULT'],
      [408, 'GW_ERR_UPSTREAM_TIMEOUT'],
      [500, 'GW_ERR_UPSTREAM_FAULT'],
      [504, 'GW_ERR_UPSTREAM_TIMEOUT'],
    ])('maps HTTP %i to %s and keeps the upstream code and message', (status, code) => {
      const error = answer(status, text('error.unauthorized.json'));
      expect(error).toMatchObject({
        code,
        source: 'bc',
        upstream: {
          status,
          code: 'Authentication_InvalidCredentials',
          message: expect.stringContaining(
            'The server has rejected the client credentials.',
          ) as string,
        },
      });
    });
  });

  describe('when BC throttles', () => {
    it('passes Retry-After on', () => {
      expect(answer(429, '{}', { 'retry-after': '7' })).toMatchObject({
        code: 'GW_ERR_UPSTREAM_THROTTLED',
        retryAfter: 7,
      });
    });

    it('gives a default Retry-After when BC sends none', () => {
      expect(answer(429, '')).toMatchObject({ code: 'GW_ERR_UPSTREAM_THROTTLED', retryAfter: 30 });
    });
  });

  describe('when the body is not a BC error', () => {
    it('maps by status alone and keeps no upstream code', () => {
      const error = answer(502, '<html>Bad Gateway</html>');
      expect(error).toMatchObject({
        code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
        upstream: { status: 502 },
      });
      expect(error.upstream?.code).toBeUndefined();
    });
  });
});
