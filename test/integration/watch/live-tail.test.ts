/**
 * GET /v1/job-logs/stream, the live tail: authenticated and scoped like the listing, the same
 * filters, resumable with Last-Event-ID (or told plainly that the gap is too old), heartbeats,
 * its own cap instead of the in-flight slots, and streams ended on shutdown (slow readers:
 * slow-consumer.test.ts).
 */
import type { Demo } from '../../../src/demo/start';
import type { SseEvent } from '../../helpers/sse';
import {
  startWatchDemo,
  startWatchedGateway,
  tempStateDir,
  untilPolled,
  type WatchedGateway,
} from '../../helpers/watch';

jest.setTimeout(40_000);

const LOSANT = 'losant-demo';
const BC = 'bc-demo';
const SCOPED_KEY = 'scoped-key-0123456789abcdef';

let demo: Demo;
let watched: WatchedGateway;
let state: ReturnType<typeof tempStateDir>;

beforeAll(async () => {
  demo = await startWatchDemo();
  state = tempStateDir();
  watched = await startWatchedGateway(demo, {
    watch: {
      intervalMs: 200,
      lookbackMs: 60_000,
      sources: [LOSANT, BC],
      stateFile: state.file,
      bufferSize: 50,
      stream: { heartbeatMs: 200, maxClients: 4, maxBufferedBytes: 4096 },
    },
    auth: {
      apiKeys: [
        ...((demo.config as { auth: { apiKeys: unknown[] } }).auth.apiKeys ?? []),
        { id: 'scoped', key: SCOPED_KEY, sources: [BC] },
      ],
    },
    server: { maxInFlightPerCaller: 2 },
  });
  await untilPolled([watched], [LOSANT, BC]);
});
afterAll(async () => {
  await watched.close();
  await demo.close();
  state.remove();
});

const isJobLog = (event: SseEvent): boolean => event.event === 'job-log';
const recordOf = (event: SseEvent) =>
  JSON.parse(event.data) as {
    id: string;
    status: string;
    source: { id: string };
    job: { name: string };
  };
const named = (name: string) => (event: SseEvent) =>
  isJobLog(event) && recordOf(event).job.name === name;

describe('GET /v1/job-logs/stream', () => {
  it('refuses a caller without a key (401 problem) and the listing parameters it has no use for (400)', async () => {
    const anonymous = await watched.stream('/v1/job-logs/stream', { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const limited = await watched.stream('/v1/job-logs/stream?limit=5');
    expect(limited.status).toBe(400);
    const forged = await watched.stream('/v1/job-logs/stream', { lastEventId: 'x; DROP' });
    expect(forged.status).toBe(400);
  });

  it('sends heartbeats, a retry hint and the SSE headers proxies need', async () => {
    const stream = await watched.stream();
    await new Promise((resolve) => setTimeout(resolve, 700));
    stream.close();
    expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.retry).toBe(5000);
    expect(stream.comments.filter((comment) => comment === 'hb').length).toBeGreaterThanOrEqual(2);
  });

  it('applies the filters and the key’s scope', async () => {
    const failedOnly = await watched.stream('/v1/job-logs/stream?status=failed');
    const scoped = await watched.stream('/v1/job-logs/stream', { key: SCOPED_KEY });
    const outOfScope = await watched.stream(`/v1/job-logs/stream?source=${LOSANT}`, {
      key: SCOPED_KEY,
    });
    expect(outOfScope.status).toBe(403);

    demo.emulators.losant.append({ status: 'succeeded', jobName: 'filter-ok' });
    demo.emulators.losant.append({ status: 'failed', jobName: 'filter-failed' });
    demo.emulators.businessCentral.append({ status: 'failed', jobName: 'filter-bc' });
    await failedOnly.waitFor(named('filter-bc'));
    await failedOnly.waitFor(named('filter-failed'));
    await scoped.waitFor(named('filter-bc'));
    await new Promise((resolve) => setTimeout(resolve, 600));
    failedOnly.close();
    scoped.close();

    expect(failedOnly.events.filter(isJobLog).every((e) => recordOf(e).status === 'failed')).toBe(
      true,
    );
    expect(failedOnly.events.some(named('filter-ok'))).toBe(false);
    expect(scoped.events.filter(isJobLog).every((e) => recordOf(e).source.id === BC)).toBe(true);
  });

  it('applies q: only records whose job name or message contains it, in any case', async () => {
    const searching = await watched.stream('/v1/job-logs/stream?q=Tail-Needle');
    const everything = await watched.stream();
    demo.emulators.losant.append({ status: 'failed', jobName: 'q-miss' });
    demo.emulators.losant.append({ status: 'failed', jobName: 'q-tail-needle-losant' });
    demo.emulators.businessCentral.append({ status: 'failed', jobName: 'q-TAIL-NEEDLE-bc' });
    await searching.waitFor(named('q-tail-needle-losant'));
    await searching.waitFor(named('q-TAIL-NEEDLE-bc'));
    await everything.waitFor(named('q-miss'));
    searching.close();
    everything.close();
    const names = searching.events.filter(isJobLog).map((event) => recordOf(event).job.name);
    expect(names.every((name) => name.toLowerCase().includes('tail-needle'))).toBe(true);
  });

  it('resumes after Last-Event-ID with what was missed, in order and once', async () => {
    const first = await watched.stream();
    demo.emulators.losant.append({ status: 'failed', jobName: 'resume-1' });
    const one = await first.waitFor(named('resume-1'));
    demo.emulators.losant.append({ status: 'failed', jobName: 'resume-2' });
    await first.waitFor(named('resume-2'));
    first.close();
    // Missed while disconnected:
    demo.emulators.businessCentral.append({ status: 'failed', jobName: 'resume-3' });
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const again = await watched.stream('/v1/job-logs/stream', { lastEventId: one.id! });
    await again.waitFor(named('resume-3'));
    again.close();
    const names = again.events.filter(isJobLog).map((event) => recordOf(event).job.name);
    expect(names.indexOf('resume-2')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('resume-2')).toBeLessThan(names.indexOf('resume-3'));
    expect(names).not.toContain('resume-1');
    expect(new Set(names).size).toBe(names.length);
    expect(again.events.some((event) => event.event === 'reset')).toBe(false);
  });

  it('says plainly, in a 200 stream, when the event to resume after is no longer kept', async () => {
    const stream = await watched.stream('/v1/job-logs/stream', { lastEventId: '1-1' });
    expect(stream.status).toBe(200);
    const reset = await stream.waitFor((event) => event.event === 'reset');
    stream.close();
    expect(JSON.parse(reset.data)).toMatchObject({ lastEventId: '1-1' });
  });

  it('gives back the caller’s in-flight slots (streams have their own cap: maxClients)', async () => {
    const open = await Promise.all([watched.stream(), watched.stream(), watched.stream()]);
    try {
      expect(open.map((stream) => stream.status)).toEqual([200, 200, 200]);
      // maxInFlightPerCaller is 2, yet the same key's ordinary request gets in.
      expect((await watched.get('/v1/sources')).status).toBe(200);
      const fourth = await watched.stream();
      const fifth = await watched.stream();
      fourth.close();
      expect(fifth.status).toBe(503);
      expect(fifth.headers.get('retry-after')).toBe('5');
    } finally {
      for (const stream of open) stream.close();
    }
  });

  it('ends open streams when the gateway shuts down, without waiting for the grace', async () => {
    const other = await startWatchedGateway(demo, {
      watch: {
        intervalMs: 60_000,
        lookbackMs: 120_000,
        sources: [BC],
        stateFile: `${state.file}.2`,
      },
    });
    const stream = await other.stream();
    const started = Date.now();
    await other.gateway.close(10_000);
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
