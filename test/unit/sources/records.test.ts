import Ajv2020 from 'ajv/dist/2020';
import { GatewayError } from '../../../src/errors/gateway-error';
import { checkAgainst, splitRecords } from '../../../src/sources/records';

const ajv = new Ajv2020();
const hasId = ajv.compile({
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' } },
});
const small = ajv.compile({
  type: 'object',
  properties: { size: { type: 'integer', maximum: 10 } },
});
const check = checkAgainst(hasId, small);
const options = {
  sourceId: 'src',
  strict: false,
  schemaName: 'the test schema',
  locate: (offset: number) => ({ index: 100 + offset, pointer: `/items/${100 + offset}` }),
};

describe('checkAgainst', () => {
  it('reports the first failing validator’s first violation, in order', () => {
    expect(check({ id: 'a', size: 1 })).toBeUndefined();
    expect(check({ size: 99 })).toEqual({
      pointer: '',
      message: "must have required property 'id'",
    });
    expect(check({ id: 'a', size: 99 })).toEqual({ pointer: '/size', message: 'must be <= 10' });
  });
});

describe('splitRecords', () => {
  const items = [{ id: 'a' }, { id: 1 }, { id: 'c', size: 11 }];

  describe('when not strict', () => {
    it('keeps valid records and reports each invalid one at its place in the whole answer', () => {
      const { records, invalid } = splitRecords(items, check, { ...options, note: 'page 2' });
      expect(records).toEqual([{ id: 'a' }]);
      expect(invalid).toEqual([
        { index: 101, pointer: '/items/101/id', message: 'must be string (page 2)' },
        { index: 102, pointer: '/items/102/size', message: 'must be <= 10 (page 2)' },
      ]);
    });
  });

  describe('when strict', () => {
    it('rejects the answer with GW_ERR_UPSTREAM_BAD_RESPONSE listing the violations', () => {
      let thrown: unknown;
      try {
        splitRecords(items, check, { ...options, strict: true, upstream: { status: 200 } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GatewayError);
      expect(thrown).toMatchObject({
        code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
        source: 'src',
        upstream: { status: 200 },
        errors: [
          { pointer: '/items/101/id', message: 'must be string' },
          { pointer: '/items/102/size', message: 'must be <= 10' },
        ],
      });
    });

    it('passes an answer without invalid records', () => {
      expect(splitRecords([{ id: 'a' }], check, { ...options, strict: true }).records).toHaveLength(
        1,
      );
    });
  });
});
