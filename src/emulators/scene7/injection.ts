import { checkCommonFault } from '../shared/faults';
import type { Scene7Fault } from './types';

/** Throws RangeError on a fault that cannot be applied (see README.md, Fault injection). */
export function checkScene7Fault(fault: Scene7Fault): void {
  switch (fault.kind) {
    case 'slow-body':
      if (!(fault.bytesPerSecond > 0) || !Number.isFinite(fault.bytesPerSecond)) {
        throw new RangeError(`slow-body bytesPerSecond must be > 0, not ${fault.bytesPerSecond}`);
      }
      return;
    case 'doctype':
      return;
    default:
      checkCommonFault(fault);
  }
}
