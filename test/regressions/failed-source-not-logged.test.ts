// Regression: a source that failed while the others answered was reported to the caller under
// `errors` but never logged (the error handler only logs requests that fail as a whole), so
// operators could not see it. Now each failed source is logged at warn with source, code and
// request id, and never with credentials.
import { LOSANT_GATEWAY_TOKEN } from '../../src/emulators/losant';
import { BUSINESS_CENTRAL_CLIENTS } from '../../src/emulators/business-central';
import { LOSANT, startThreeSources, type ThreeSources } from '../helpers/three-sources';

let stack: ThreeSources;

beforeAll(async () => {
  stack = await startThreeSources();
});
afterAll(() => stack.close());

describe('GET /v1/job-logs across every source', () => {
  describe('when Losant answers 500 and the others answer', () => {
    it('logs Losant at warn with its code and the request id, and no credentials', async () => {
      stack.demo.emulators.losant.inject({ kind: 'http-error', status: 500 });
      const response = await stack.get('/v1/job-logs?limit=5');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { errors: Array<{ source: string; code: string }> };
      expect(body.errors).toEqual([
        expect.objectContaining({ source: LOSANT, code: 'GW_ERR_UPSTREAM_FAULT' }),
      ]);
      const requestId = response.headers.get('x-request-id');

      const warned = stack.logs.lines.filter(
        (line) => line.level === 40 && line.source === LOSANT && line.requestId === requestId,
      );

      expect(warned).toEqual([
        expect.objectContaining({ code: 'GW_ERR_UPSTREAM_FAULT', msg: expect.any(String) }),
      ]);
      const text = JSON.stringify(stack.logs.lines);
      expect(text).not.toContain(LOSANT_GATEWAY_TOKEN);
      expect(text).not.toContain(BUSINESS_CENTRAL_CLIENTS[0].clientSecret);
      expect(text).not.toContain(stack.demo.apiKey);
    });
  });
});
