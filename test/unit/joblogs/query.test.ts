import { GatewayError } from '../../../src/errors/gateway-error';
import { parseListParams } from '../../../src/joblogs/query';

function errorOf(params: Record<string, unknown>): GatewayError {
  try {
    parseListParams(params);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('parseListParams', () => {
  describe('when given no parameters', () => {
    it('asks every source for the default number of records', () => {
      expect(parseListParams({})).toEqual({ query: { limit: 100 } });
    });
  });

  describe('when given every filter', () => {
    it('parses lists, times (to UTC) and the limit', () => {
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
          assetHandle: 'a|732|1|535',
        },
      });
    });
  });

  describe('when a parameter is bad', () => {
    it.each([
      [{ limit: '0' }, 'limit'],
      [{ limit: '1001' }, 'limit'],
      [{ limit: '1e2' }, 'limit'],
      [{ status: 'done' }, 'status'],
      [{ since: '2026-01-01' }, 'since'],
      [{ since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 'until'],
      [{ assetHandle: '' }, 'assetHandle'],
      [{ limits: '5' }, 'limits'],
      [{ limit: ['1', '2'] }, 'limit'],
    ])('refuses %j naming %s', (params, parameter) => {
      const error = errorOf(params);
      expect(error.code).toBe('GW_ERR_INVALID_PARAMETER');
      expect(error.parameter).toBe(parameter);
    });
  });
});
