import type { LosantFault } from './types';

interface QueuedFault {
  readonly fault: LosantFault;
  remaining: number;
}

function checkFault(fault: LosantFault): void {
  if (
    fault.kind === 'http-error' &&
    (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 999)
  ) {
    throw new RangeError(`http-error status must be 100..999, not ${fault.status}`);
  }
  if (fault.kind === 'delay' && (!(fault.ms >= 0) || !Number.isFinite(fault.ms))) {
    throw new RangeError(`delay ms must be a finite number >= 0, not ${fault.ms}`);
  }
  if (
    fault.kind === 'invalid-record' &&
    fault.index !== undefined &&
    !(Number.isInteger(fault.index) && fault.index >= 0)
  ) {
    throw new RangeError(`invalid-record index must be a whole number >= 0, not ${fault.index}`);
  }
}

/** Faults queued by tests; each job-log request takes the one at the head, in order. */
export class LosantFaultQueue {
  readonly #queue: QueuedFault[] = [];

  /** Queues a fault for the next `times` requests; throws RangeError on a bad fault. */
  inject(fault: LosantFault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, not ${times}`);
    }
    checkFault(fault);
    this.#queue.push({ fault, remaining: times });
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#queue.length = 0;
  }

  /** Takes the fault for the current request, if any. */
  next(): LosantFault | undefined {
    const head = this.#queue[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.#queue.shift();
    return head.fault;
  }
}
