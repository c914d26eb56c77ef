import { GatewayError, toGatewayError } from '../errors/gateway-error';
import type { CallContext, UnifiedJobLog } from '../contract';
import type { PagePosition } from './cursor';
import type {
  JobLogListRequest,
  JobLogService,
  SourceFailure,
  SourceInvalidRecords,
} from './service';

/** One step of a walk: a page of records, with what its sources reported beside them. */
export interface WalkPage {
  readonly items: readonly UnifiedJobLog[];
  /** Sources that failed on this page; the walk leaves them out from here on. */
  readonly errors: readonly SourceFailure[];
  readonly invalid: readonly SourceInvalidRecords[];
}

/** How a walk ended: every record read (`complete`), or stopped early and why. */
export type WalkEnd =
  { readonly complete: true } | { readonly complete: false; readonly error: GatewayError };

export interface WalkOptions {
  /** The sources to walk (already narrowed to the caller's scope). */
  readonly sources: readonly string[];
  /** Records per page (the listing's most, 1000, keeps the number of fan-outs low). */
  readonly pageSize: number;
  /**
   * The call context of the next page. The first page can share the request's deadline; later
   * ones need their own, since a whole walk may outlast any one request's deadline.
   */
  readonly contextFor: (page: number) => CallContext;
}

/**
 * Walks every page of a listing in newest-first order with the listing's own paging (the `after`
 * position, the same one its cursors carry), so that each record comes exactly once. Pages are
 * read one at a time, when the consumer asks for the next: a slow consumer holds the walk, and
 * no more than one page is ever held. A source that fails is reported on the page where it failed
 * and left out of the rest of the walk (its later records would otherwise come with a hole).
 * The first page's failure is thrown (nothing has been answered yet); a later page's ends the
 * walk with `{ complete: false }`.
 */
export async function* walkJobLogs(
  service: JobLogService,
  request: Pick<JobLogListRequest, 'query'>,
  options: WalkOptions,
): AsyncGenerator<WalkPage, WalkEnd> {
  let sources = [...options.sources];
  let after: PagePosition | undefined;
  for (let page = 0; ; page += 1) {
    const query = { ...request.query, limit: options.pageSize };
    let list;
    try {
      list = await service.list(
        { sources, query, ...(after === undefined ? {} : { after }) },
        options.contextFor(page),
      );
    } catch (error) {
      if (page === 0) throw error;
      return { complete: false, error: toGatewayError(error) };
    }
    const failed = new Set(list.errors.map(({ source }) => source));
    sources = sources.filter((source) => !failed.has(source));
    yield { items: list.items, errors: list.errors, invalid: list.invalid };
    if (list.next !== undefined) {
      after = list.next;
    } else if (list.truncated) {
      // The listing has more but no position to continue from: its last record has no time.
      return {
        complete: false,
        error: new GatewayError(
          'GW_ERR_UPSTREAM_BAD_RESPONSE',
          'The export stopped here: the records that follow have no time to page by.',
        ),
      };
    } else {
      return { complete: true };
    }
  }
}
