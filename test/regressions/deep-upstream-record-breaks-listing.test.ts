// Regression: a Losant record whose `input` nested about 5,000 levels deep made JSON.stringify
// throw while the listing was written: the answer was a 500 and the healthy sources' records
// were lost too. Now the record is reported under `invalid` and every other record is answered.
import { BC, LOSANT, SCENE7, startThreeSources, type ThreeSources } from '../helpers/three-sources';

interface ListBody {
  items: Array<{ id: string; source: { id: string }; raw: { id?: string } }>;
  errors: Array<{ source: string; code: string }>;
  invalid: Array<{
    source: string;
    count: number;
    records: Array<{ index: number; pointer: string; message: string }>;
  }>;
}

let stack: ThreeSources;

beforeAll(async () => {
  stack = await startThreeSources();
});
afterAll(() => stack.close());

describe('GET /v1/job-logs', () => {
  describe('when one Losant record nests 5,000 levels deep', () => {
    it('answers 200 with every other record and reports the deep one under invalid', async () => {
      const path = '/v1/job-logs?limit=200&since=2025-06-01T00:00:00Z';
      const before = (await (await stack.get(path)).json()) as ListBody;
      const losantBefore = before.items.filter((item) => item.source.id === LOSANT);
      expect(losantBefore.length).toBeGreaterThan(2);
      stack.demo.emulators.losant.inject({ kind: 'deep-record', depth: 5_000, index: 1 });

      const response = await stack.get(path);

      expect(response.status).toBe(200);
      const body = (await response.json()) as ListBody;
      expect(body.errors).toEqual([]);
      const sources = new Set(body.items.map((item) => item.source.id));
      expect(sources).toEqual(new Set([SCENE7, BC, LOSANT]));
      // Every record of the listing without the fault is there but the deep one, in order (the
      // listing ends with one record more, from whichever source had the next one).
      const deepId = losantBefore[1]!.id;
      const expected = before.items.map((item) => item.id).filter((id) => id !== deepId);
      expect(body.items.map((item) => item.id).slice(0, expected.length)).toEqual(expected);
      expect(body.invalid).toEqual([
        {
          source: LOSANT,
          count: 1,
          records: [
            {
              index: 1,
              pointer: '/items/1',
              message: expect.stringMatching(/nested deeper than 64 levels/),
            },
          ],
        },
      ]);
    });
  });
});
