// Regression: a client hanging up while a source was being read was reported as the upstream's
// failure (GW_ERR_UPSTREAM_UNREACHABLE, logged at warn as "could not be reached"). Now it is
// GW_ERR_CLIENT_CLOSED (499): not an upstream failure, not logged as one.
import { LOSANT, startThreeSources, type ThreeSources } from '../helpers/three-sources';

let stack: ThreeSources;

beforeAll(async () => {
  stack = await startThreeSources();
});
afterAll(() => stack.close());

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /v1/job-logs?source=losant-demo', () => {
  describe('when the client hangs up while Losant is slow', () => {
    it('ends the request as GW_ERR_CLIENT_CLOSED and logs no upstream failure', async () => {
      stack.demo.emulators.losant.inject({ kind: 'hang' });
      const client = new AbortController();
      setTimeout(() => client.abort(), 300);
      await expect(
        stack.get(`/v1/job-logs?source=${LOSANT}`, { signal: client.signal }),
      ).rejects.toThrow();
      await settle(300);

      const codes = stack.logs.lines.map((line) => line.code).filter(Boolean);
      expect(stack.logs.lines).toContainEqual(
        expect.objectContaining({ level: 20, source: LOSANT, code: 'GW_ERR_CLIENT_CLOSED' }),
      );
      expect(codes).not.toContain('GW_ERR_UPSTREAM_UNREACHABLE');
      const failures = stack.logs.lines.filter(
        (line) => Number(line.level) >= 40 && line.source === LOSANT,
      );
      expect(failures).toEqual([]);
    });
  });
});
