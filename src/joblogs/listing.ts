import { toProblem, type Problem, type ProblemContext } from '../errors/to-problem';
import type { CallContext, InvalidRecord, UnifiedJobLog } from '../contract';
import type { CursorCodec } from './cursor';
import type { JobLogListRequest, JobLogService } from './service';

/** Most invalid records listed per source in one answer (`count` says how many there were). */
export const INVALID_RECORDS_LISTED = 100;

/** One page of a listing as every protocol answers it (GET /v1/job-logs, JobLogService). */
export interface ListingAnswer {
  readonly items: readonly UnifiedJobLog[];
  readonly count: number;
  readonly truncated: boolean;
  /** The next page's cursor, signed for this caller and these filters. */
  readonly next?: string;
  readonly errors: ReadonlyArray<Problem & { readonly source: string }>;
  readonly invalid: ReadonlyArray<{
    readonly source: string;
    readonly count: number;
    readonly records: readonly InvalidRecord[];
  }>;
}

/**
 * Reads one page of a listing for a caller: the service's page within `scope` (the caller's
 * sources, when narrowed), its `next` signed into a cursor bound to the filters the caller asked
 * for and to the caller, and failed sources as problems.
 */
export async function answerListing(
  { service, cursors }: { readonly service: JobLogService; readonly cursors: CursorCodec },
  read: {
    readonly request: JobLogListRequest;
    readonly scope: readonly string[] | undefined;
    readonly caller: string;
    readonly call: CallContext;
    readonly problems: ProblemContext;
  },
): Promise<ListingAnswer> {
  const { request, scope, caller } = read;
  const result = await service.list(
    { ...request, ...(scope === undefined ? {} : { sources: scope }) },
    read.call,
  );
  const next =
    result.next === undefined
      ? undefined
      : cursors.encode(result.next, { sources: request.sources, query: request.query, caller });
  return {
    items: result.items,
    count: result.items.length,
    truncated: result.truncated,
    ...(next === undefined ? {} : { next }),
    errors: result.errors.map(({ source, error }) => ({
      ...toProblem(error, read.problems),
      source,
    })),
    invalid: result.invalid.map(({ source, records }) => ({
      source,
      count: records.length,
      records: records.slice(0, INVALID_RECORDS_LISTED),
    })),
  };
}
