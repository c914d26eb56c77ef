import pino from 'pino';
import { buildOpenApi } from '../../../src/api/openapi';
import type { CallContext, UnifiedJobLog } from '../../../src/contract';
import { GatewayError } from '../../../src/errors/gateway-error';
import type { JobLogListRequest, JobLogService, JobLogList } from '../../../src/joblogs/service';
import { walkJobLogs } from '../../../src/joblogs/walk';
import { createSchemaRegistry } from '../../../src/schemas/registry';

const context: CallContext = {
  signal: new AbortController().signal,
  deadline: Date.now() + 60_000,
  requestId: 'walk-test',
  logger: pino({ level: 'silent' }),
};

const recordAt = (source: string, second: number): UnifiedJobLog => ({
  id: `${source}.${second}`,
  source: { id: source, type: 'losant' },
  job: { id: null, name: null },
  status: 'succeeded',
  nativeStatus: 'completed',
  time: new Date(Date.UTC(2026, 2, 1, 12, 0, 0) - second * 1000).toISOString(),
  times: { queued: null, started: null, ended: null, logged: null },
  message: null,
  user: null,
  target: null,
  details: [],
  raw: {},
});

/** A query service whose answers a test scripts, page by page; it records what it was asked. */
function scripted(answers: Array<(request: JobLogListRequest) => JobLogList>): {
  service: JobLogService;
  asked: JobLogListRequest[];
} {
  const asked: JobLogListRequest[] = [];
  const list = (request: JobLogListRequest): Promise<JobLogList> => {
    asked.push(request);
    const answer = answers[asked.length - 1];
    if (answer === undefined) throw new Error('asked for a page too many');
    return Promise.resolve().then(() => answer(request));
  };
  return { service: { list } as unknown as JobLogService, asked };
}

const page = (
  items: UnifiedJobLog[],
  more: boolean,
  extra: Partial<JobLogList> = {},
): JobLogList => ({
  items,
  errors: [],
  invalid: [],
  truncated: more,
  ...(more ? { next: { time: items.at(-1)!.time!, id: items.at(-1)!.id } } : {}),
  ...extra,
});

const options = { sources: ['a', 'b'], pageSize: 2, contextFor: () => context };
const query = { query: { limit: 100 } };

describe('walkJobLogs', () => {
  it('reads the next page only when asked for it, after the last position, with the page size', async () => {
    const { service, asked } = scripted([
      () => page([recordAt('a', 1), recordAt('b', 2)], true),
      () => page([recordAt('a', 3)], false),
    ]);
    const walk = walkJobLogs(service, query, options);
    const first = await walk.next();
    expect(first.value).toMatchObject({ items: [{ id: 'a.1' }, { id: 'b.2' }] });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual({ sources: ['a', 'b'], query: { limit: 2 } });
    await walk.next();
    expect(asked[1]).toMatchObject({ after: { id: 'b.2', time: recordAt('b', 2).time } });
    expect(await walk.next()).toEqual({ done: true, value: { complete: true } });
  });

  it('leaves a source that failed out of the pages after', async () => {
    const failure = {
      source: 'b',
      error: new GatewayError('GW_ERR_UPSTREAM_UNREACHABLE', 'b down'),
    };
    const { service, asked } = scripted([
      () => page([recordAt('a', 1)], true, { errors: [failure] }),
      () => page([recordAt('a', 2)], false),
    ]);
    const pages = [];
    for await (const walked of walkJobLogs(service, query, options)) pages.push(walked);
    expect(pages[0]!.errors).toEqual([failure]);
    expect(asked[1]!.sources).toEqual(['a']);
  });

  it('throws a first page failure, and ends incomplete on a later one', async () => {
    const down = new GatewayError('GW_ERR_UPSTREAM_UNREACHABLE', 'all down');
    const failing = (): JobLogList => {
      throw down;
    };
    await expect(walkJobLogs(scripted([failing]).service, query, options).next()).rejects.toBe(
      down,
    );
    const walk = walkJobLogs(
      scripted([() => page([recordAt('a', 1)], true), failing]).service,
      query,
      options,
    );
    await walk.next();
    expect(await walk.next()).toEqual({ done: true, value: { complete: false, error: down } });
  });

  it('ends incomplete when there is more but no time to page by', async () => {
    const untimed = { ...recordAt('a', 1), time: null };
    const { service } = scripted([() => ({ ...page([untimed], false), truncated: true })]);
    const walk = walkJobLogs(service, query, options);
    await walk.next();
    expect(await walk.next()).toMatchObject({ done: true, value: { complete: false } });
  });
});

describe('the OpenAPI document', () => {
  it('describes GET /v1/job-logs/export with the listing filters without paging, and format', () => {
    const doc = buildOpenApi(createSchemaRegistry()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string }> } }>;
    };
    const names = (path: string): string[] =>
      doc.paths[path]!.get.parameters.map(({ name }) => name);
    expect(names('/v1/job-logs/export')).toEqual([
      ...names('/v1/job-logs').filter((name) => name !== 'limit' && name !== 'cursor'),
      'format',
    ]);
  });
});
