interface QueuedFault<F> {
  readonly fault: F;
  remaining: number;
}

/** Faults queued by tests; each faultable request takes the one at the head, in order. */
export class FaultQueue<F> {
  readonly #queue: QueuedFault<F>[] = [];
  readonly #check: (fault: F) => void;

  /** `check` throws RangeError on a fault the emulator cannot apply. */
  constructor(check: (fault: F) => void) {
    this.#check = check;
  }

  /** Queues a fault for the next `times` requests; throws RangeError on a bad fault or count. */
  inject(fault: F, times = 1): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, not ${times}`);
    }
    this.#check(fault);
    this.#queue.push({ fault, remaining: times });
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#queue.length = 0;
  }

  /** Takes the fault for the current request, if any. */
  next(): F | undefined {
    const head = this.#queue[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.#queue.shift();
    return head.fault;
  }
}
