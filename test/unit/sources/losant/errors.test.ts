import { createSchemaRegistry } from '../../../../src/schemas/registry';
import type { LosantError } from '../../../../src/schemas/types/losant-error';
import { fromLosantAnswer } from '../../../../src/sources/losant/errors';

const validateError = createSchemaRegistry().validator<LosantError>('losant-error');

const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
  fromLosantAnswer('losant-prod', { status, headers, body: Buffer.from(body) }, validateError);

describe('fromLosantAnswer', () => {
  describe('when Losant answers with its Error body', () => {
    it.each([
      [400, 'Validation', 'GW_ERR_UPSTREAM_REJECTED_QUERY', 400],
      [401, 'Unauthorized', 'GW_ERR_UPSTREAM_REJECTED_CREDS', 502],
      [403, 'Forbidden', 'GW_ERR_UPSTREAM_REJECTED_CREDS', 502],
      [404, 'NotFound', 'GW_ERR_UPSTREAM_FAULT', 502],
      [429, 'TooManyRequests', 'GW_ERR_UPSTREAM_THROTTLED', 503],
      [500, 'InternalError', 'GW_ERR_UPSTREAM_FAULT', 502],
      [503, 'Unavailable', 'GW_ERR_UPSTREAM_THROTTLED', 503],
    ])(
      'maps HTTP %i %s to %s (%i), keeping status, type and message',
      (status, type, code, gatewayStatus) => {
        const error = answer(status, JSON.stringify({ type, message: `said ${type}` }));
        expect(error).toMatchObject({
          code,
          status: gatewayStatus,
          source: 'losant-prod',
          upstream: { status, code: type, message: `said ${type}` },
        });
      },
    );
  });

  describe('when the answer carries Retry-After', () => {
    it('passes it on with the throttling error', () => {
      expect(answer(429, '', { 'retry-after': '30' })).toMatchObject({
        code: 'GW_ERR_UPSTREAM_THROTTLED',
        retryAfter: 30,
        upstream: { status: 429 },
      });
    });
  });

  describe('when the body is not a Losant Error', () => {
    it.each([
      ['HTML', '<html>Bad gateway</html>'],
      ['an empty object', '{}'],
      ['an Error with a numeric type', '{"type":404}'],
    ])('maps a 502 with %s to GW_ERR_UPSTREAM_BAD_RESPONSE without its words', (_case, body) => {
      const error = answer(502, body);
      expect(error).toMatchObject({
        code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
        upstream: { status: 502 },
      });
      expect(error.upstream).toEqual({ status: 502 });
    });
  });

  describe('when the upstream message is long', () => {
    it('keeps 500 characters of it', () => {
      const error = answer(
        500,
        JSON.stringify({ type: 'InternalError', message: 'x'.repeat(2000) }),
      );
      expect(error.upstream?.message).toHaveLength(500);
    });
  });
});
