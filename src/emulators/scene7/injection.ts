import type { Scene7Fault } from './types';

interface QueuedFault {
  readonly fault: Scene7Fault;
  remaining: number;
}

/** Faults queued by tests; each SOAP request takes the one at the head, in order. */
export class FaultQueue {
  readonly #queue: QueuedFault[] = [];

  /** Queues a fault for the next `times` SOAP requests; throws RangeError on a bad fault. */
  inject(fault: Scene7Fault, times = 1): void {
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
  next(): Scene7Fault | undefined {
    const head = this.#queue[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.#queue.shift();
    return head.fault;
  }
}

function checkFault(fault: Scene7Fault): void {
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
    case 'slow-body':
      if (!(fault.bytesPerSecond > 0) || !Number.isFinite(fault.bytesPerSecond)) {
        throw new RangeError(`slow-body bytesPerSecond must be > 0, not ${fault.bytesPerSecond}`);
      }
      return;
    case 'hang':
    case 'reset':
    case 'malformed':
    case 'doctype':
      return;
  }
}
