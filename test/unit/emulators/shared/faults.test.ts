import { request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import {
  answerCommonFault,
  checkCommonFault,
  isCommonFault,
  type CommonFault,
  type FaultDialect,
} from '../../../../src/emulators/shared/faults';
import { listenOnLoopback, type Listening } from '../../../../src/emulators/shared/listen';
import { TimerSet } from '../../../../src/emulators/shared/timers';
import type { WireReply } from '../../../../src/emulators/shared/wire-reply';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

// A made-up system: plain-text errors with a marker header, framed with Content-Length.
const dialect: FaultDialect = {
  send: (res: ServerResponse, reply: WireReply) => {
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': reply.body.length });
    res.end(reply.body);
  },
  errorHeaders: { 'Content-Type': 'text/plain', 'X-System': 'test' },
  errorBody: (status) => `system error ${status}`,
  malformed: () => ({
    status: 200,
    headers: { 'Content-Type': 'text/plain' },
    body: bytes('{"cut'),
  }),
};

const normal: WireReply = {
  status: 200,
  headers: { 'Content-Type': 'text/plain' },
  body: bytes('normal'),
};

describe('isCommonFault', () => {
  it.each(['http-error', 'delay', 'hang', 'reset', 'malformed'])('is true for %s', (kind) => {
    expect(isCommonFault({ kind })).toBe(true);
  });

  it.each(['doctype', 'invalid-record', 'pass', 'toString', '__proto__'])(
    'is false for %s',
    (kind) => {
      expect(isCommonFault({ kind })).toBe(false);
    },
  );
});

describe('checkCommonFault', () => {
  describe('when the fault can be applied', () => {
    it.each<CommonFault>([
      { kind: 'http-error', status: 100 },
      { kind: 'http-error', status: 999 },
      { kind: 'delay', ms: 0 },
      { kind: 'hang' },
      { kind: 'reset' },
      { kind: 'malformed' },
    ])('accepts %j', (fault) => {
      expect(() => checkCommonFault(fault)).not.toThrow();
    });
  });

  describe('when it cannot', () => {
    it.each<CommonFault>([
      { kind: 'http-error', status: 99 },
      { kind: 'http-error', status: 1000 },
      { kind: 'http-error', status: 200.5 },
      { kind: 'delay', ms: -1 },
      { kind: 'delay', ms: Number.NaN },
      { kind: 'delay', ms: Number.POSITIVE_INFINITY },
    ])('throws RangeError for %j', (fault) => {
      expect(() => checkCommonFault(fault)).toThrow(RangeError);
    });
  });
});

describe('answerCommonFault', () => {
  let fault: CommonFault = { kind: 'hang' };
  let produced = 0;
  let server: Listening;
  const timers = new TimerSet();

  beforeAll(async () => {
    server = await listenOnLoopback(
      (_req, res) => {
        const produce = (): WireReply => {
          produced += 1;
          return normal;
        };
        void answerCommonFault(fault, { res, timers, produce }, dialect);
      },
      { timers },
    );
  });
  afterAll(() => server.close());
  beforeEach(() => {
    produced = 0;
  });

  describe('when given http-error without body or content type', () => {
    it("answers the status with the system's headers and error body", async () => {
      fault = { kind: 'http-error', status: 503, headers: { 'Retry-After': '2' } };
      const answer = await get(server.url);
      expect(answer).toMatchObject({ status: 503, body: 'system error 503' });
      expect(answer.headers).toMatchObject({
        'content-type': 'text/plain',
        'x-system': 'test',
        'retry-after': '2',
      });
      expect(produced).toBe(0);
    });
  });

  describe('when given http-error with body, content type and headers', () => {
    it("sends them over the system's own", async () => {
      fault = {
        kind: 'http-error',
        status: 200,
        body: '<html/>',
        contentType: 'text/html',
        headers: { 'X-System': 'override' },
      };
      const answer = await get(server.url);
      expect(answer).toMatchObject({ status: 200, body: '<html/>' });
      expect(answer.headers).toMatchObject({ 'content-type': 'text/html', 'x-system': 'override' });
    });
  });

  describe('when given delay', () => {
    it('produces the normal answer at once and sends it after ms', async () => {
      fault = { kind: 'delay', ms: 60 };
      const started = Date.now();
      const answer = await get(server.url);
      expect(Date.now() - started).toBeGreaterThanOrEqual(50);
      expect(answer).toMatchObject({ status: 200, body: 'normal' });
      expect(produced).toBe(1);
    });
  });

  describe('when given malformed', () => {
    it("sends the system's malformed answer", async () => {
      fault = { kind: 'malformed' };
      await expect(get(server.url)).resolves.toMatchObject({ status: 200, body: '{"cut' });
    });
  });

  describe('when given reset', () => {
    it('resets the connection without answering', async () => {
      fault = { kind: 'reset' };
      await expect(get(server.url)).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(produced).toBe(0);
    });
  });

  describe('when given hang', () => {
    it('never answers', async () => {
      fault = { kind: 'hang' };
      const outcome = await Promise.race([
        // close() in afterAll ends the hung socket; that failure is expected, not an answer.
        get(server.url).then(
          () => 'answered',
          () => 'ended',
        ),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 100)),
      ]);
      expect(outcome).toBe('still waiting');
      expect(produced).toBe(0);
    });
  });
});
