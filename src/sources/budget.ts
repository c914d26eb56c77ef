import { GatewayError } from '../errors/gateway-error';

/**
 * The upstream calls one gateway request may still make to one source (`maxUpstreamCalls`): every
 * HTTP request counts, pages, token fetches and retries alike. The skeleton makes one per read and
 * the executor takes from it before each attempt.
 */
export class CallBudget {
  readonly source: string;
  readonly limit: number;
  #used = 0;

  constructor(source: string, limit: number) {
    this.source = source;
    this.limit = limit;
  }

  /** Calls made so far. */
  get used(): number {
    return this.#used;
  }

  /** Calls still allowed. */
  get remaining(): number {
    return this.limit - this.#used;
  }

  /** Takes one call; false (and nothing taken) when none is left. */
  take(): boolean {
    if (this.#used >= this.limit) return false;
    this.#used += 1;
    return true;
  }

  /** The error of a call the budget did not allow (see isBudgetSpent). */
  spent(): GatewayError {
    return new BudgetSpentError(this.source, this.limit);
  }
}

/**
 * A call refused because the request's budget for the source was spent. A paging read that has
 * records already stops there and answers them as truncated; only a read that could not make its
 * first call reports it. It is no fault of the upstream, so the breaker does not count it.
 */
class BudgetSpentError extends GatewayError {
  constructor(source: string, limit: number) {
    super(
      'GW_ERR_SOURCE_UNAVAILABLE',
      `${source} needs more upstream calls for this request than its maxUpstreamCalls (${limit}) allows.`,
      { source },
    );
  }
}

/** True when `error` is a call refused by a spent budget. */
export function isBudgetSpent(error: unknown): boolean {
  return error instanceof BudgetSpentError;
}

/** What a paging read needs of its call context: the budget the skeleton made for the read. */
export interface BudgetedContext {
  readonly budget?: CallBudget;
}

/**
 * Reads one page of a paging read unless the budget is spent: the first page is always asked
 * (a spent budget then fails the read), a later one resolves undefined when no call is left or
 * when its calls ran out on the way (a token refresh, a retry), so the read ends truncated.
 */
export async function nextPage<T>(
  context: BudgetedContext,
  first: boolean,
  read: () => Promise<T>,
): Promise<T | undefined> {
  if (first) return read();
  if (context.budget !== undefined && context.budget.remaining <= 0) return undefined;
  try {
    return await read();
  } catch (error) {
    if (isBudgetSpent(error)) return undefined;
    throw error;
  }
}
