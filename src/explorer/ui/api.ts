/**
 * The explorer's only way to the gateway: fetch with the API key in the Authorization header
 * (never in a URL), answers checked for problem+json.
 */
import type { JobLogHistogram } from '../../schemas/types/job-log-histogram';
import type { UnifiedJobLog } from '../../schemas/types/unified-job-log';

export type { UnifiedJobLog };
export type Status = UnifiedJobLog['status'];

/** Every unified status, in the order the filters show them. */
export const STATUSES: readonly Status[] = [
  'failed',
  'warning',
  'succeeded',
  'running',
  'queued',
  'unknown',
];

/** RFC 9457 problem fields the gateway sends, plus the failed source in a listing's `errors`. */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status?: number;
  readonly detail?: string;
  readonly code?: string;
  readonly source?: string;
}

export interface InvalidRecord {
  readonly index: number;
  readonly pointer: string;
  readonly message: string;
}

export interface InvalidGroup {
  readonly source: string;
  readonly count: number;
  readonly records?: readonly InvalidRecord[];
}

export interface Listing {
  readonly items: readonly UnifiedJobLog[];
  readonly count: number;
  readonly truncated: boolean;
  readonly next?: string;
  readonly errors: readonly Problem[];
  readonly invalid: readonly InvalidGroup[];
}

export interface SourceInfo {
  readonly id: string;
  readonly type: string;
}

/** GET /v1/job-logs/histogram's answer (schemas/job-log-histogram.schema.json). */
export type Histogram = JobLogHistogram;

/** A failed call: the gateway's problem, or what the browser saw. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

const KEY_STORAGE = 'joblog-gateway.explorer.apiKey';

/** The API key of this tab (sessionStorage: gone when the tab closes, never in a URL). */
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set: (key: string): void => sessionStorage.setItem(KEY_STORAGE, key),
  clear: (): void => sessionStorage.removeItem(KEY_STORAGE),
};

function headersFor(key: string, extra: Record<string, string> = {}): Headers {
  return new Headers({ accept: 'application/json', authorization: `Bearer ${key}`, ...extra });
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.title === 'string') return body as Problem;
    } catch {
      // Not JSON after all: fall through to the status line.
    }
  }
  return { title: `HTTP ${response.status}`, status: response.status, detail: response.statusText };
}

/** GET a gateway path (with its query) as JSON, with the key; throws ApiError on a non-2xx. */
export async function getJson<T>(
  path: string,
  params: URLSearchParams | undefined,
  signal?: AbortSignal,
  key = apiKey.get() ?? '',
): Promise<T> {
  const url = params === undefined || [...params].length === 0 ? path : `${path}?${params}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: headersFor(key), signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new ApiError({ title: 'The gateway could not be reached', detail: String(error) });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

/** Opens the live tail (SSE over fetch, so that the key travels in a header). */
export async function openStream(
  params: URLSearchParams,
  lastEventId: string | undefined,
  signal: AbortSignal,
): Promise<Response> {
  const extra: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId !== undefined) extra['last-event-id'] = lastEventId;
  const response = await fetch(`/v1/job-logs/stream?${params}`, {
    headers: headersFor(apiKey.get() ?? '', extra),
    signal,
    cache: 'no-store',
  });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}
