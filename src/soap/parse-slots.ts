import { GatewayError } from '../errors/gateway-error';

/** Seconds a shed caller is told to wait: slots free up as fast as small envelopes parse. */
const RETRY_AFTER_SECONDS = 1;

/** One taken slot: the holder reads its message, has it parsed in turn, then gives it back. */
export interface ParseSlot {
  /** Runs `parse` in its turn (see createParseSlots) and resolves with its result. */
  parse<T>(parse: () => T): Promise<T>;
  /** Gives the slot back (once; later calls do nothing). */
  release(): void;
}

/** A fixed number of slots for reading and parsing SOAP messages whose sender is not known. */
export interface ParseSlots {
  /**
   * Takes a slot, or throws GW_ERR_OVERLOADED (Retry-After) when all are taken: the caller is
   * refused at once rather than queued.
   */
  take(): ParseSlot;
  /** Takes a slot, runs `parse` in its turn and gives the slot back (throws as `take` does). */
  run<T>(parse: () => T): Promise<T>;
  /** Slots taken now. */
  readonly taken: number;
}

/**
 * Slots for unauthenticated work. A message whose sender could not be checked from its head has
 * to be fully parsed to be answered at all; at most `max` of them wait for their parse at once,
 * and the parses run one at a time, each in its own turn of the event loop, the next not before
 * as long as the last one took has passed. A parse is synchronous: without this a burst of them
 * would hold the event loop for all of them in a row; with it, strangers' parses take at most
 * half of the event loop, and /healthz and authenticated callers wait for at most one of them
 * between any two of their own steps.
 */
export function createParseSlots(max: number): ParseSlots {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  let taken = 0;
  const jobs: Array<() => void> = [];
  let scheduled = false;
  // performance.now() before which the next parse may not start.
  let restUntil = 0;

  const nextTurn = (): void => {
    scheduled = false;
    const started = performance.now();
    jobs.shift()?.();
    restUntil = performance.now() * 2 - started;
    if (jobs.length > 0) schedule();
  };
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    const rest = restUntil - performance.now();
    // setImmediate runs after the I/O of the current turn; a timer after that of later ones.
    if (rest >= 1) setTimeout(nextTurn, rest);
    else setImmediate(nextTurn);
  }

  const slots: ParseSlots = {
    async run<T>(parse: () => T): Promise<T> {
      const slot = slots.take();
      try {
        return await slot.parse(parse);
      } finally {
        slot.release();
      }
    },
    take() {
      if (taken >= max) {
        throw new GatewayError(
          'GW_ERR_OVERLOADED',
          'The gateway is reading as many unauthenticated requests as it allows; retry shortly.',
          { retryAfter: RETRY_AFTER_SECONDS },
        );
      }
      taken += 1;
      let released = false;
      return {
        parse<T>(parse: () => T): Promise<T> {
          return new Promise<T>((resolve, reject) => {
            jobs.push(() => {
              try {
                resolve(parse());
              } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            });
            schedule();
          });
        },
        release() {
          if (released) return;
          released = true;
          taken -= 1;
        },
      };
    },
    get taken() {
      return taken;
    },
  };
  return slots;
}
