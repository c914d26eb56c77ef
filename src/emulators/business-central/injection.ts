import type { BusinessCentralFault } from './types';

interface QueuedFault {
  readonly fault: BusinessCentralFault;
  remaining: number;
}

function checkFault(fault: BusinessCentralFault): void {
  switch (fault.kind) {
    case 'http-error':
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 999) {
        throw new RangeError(`http-error status must be 100..999, not ${fault.status}`);
      }
      return;
    case 'delay':
      if (!(fault.ms >= 0) || !Number.isFinite(fault.ms)) {
        throw new RangeError(`delay ms must be a finite number >= 0, not ${fault.ms}`);
      }
      return;
    case 'invalid-record':
      if (fault.index !== undefined && (!Number.isInteger(fault.index) || fault.index < 0)) {
        throw new RangeError(`invalid-record index must be an integer >= 0, not ${fault.index}`);
      }
      return;
    case 'hang':
    case 'reset':
    case 'malformed':
    case 'expire-tokens':
    case 'pass':
      return;
  }
}

/** Faults queued by tests; each API request takes the one at the head, in order. */
export class FaultQueue {
  readonly #queue: QueuedFault[] = [];

  /** Queues a fault for the next `times` API requests; throws RangeError on a bad fault. */
  inject(fault: BusinessCentralFault, times = 1): void {
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
  next(): BusinessCentralFault | undefined {
    const head = this.#queue[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.#queue.shift();
    return head.fault;
  }
}
