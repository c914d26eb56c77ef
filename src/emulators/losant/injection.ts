import { checkCommonFault } from '../shared/faults';
import type { LosantFault } from './types';

/** Throws RangeError on a fault that cannot be applied (see README.md, Fault injection). */
export function checkLosantFault(fault: LosantFault): void {
  if (fault.kind === 'deep-record') {
    if (!Number.isInteger(fault.depth) || fault.depth < 1 || fault.depth > 1_000_000) {
      throw new RangeError(
        `deep-record depth must be a whole number 1..1000000, not ${fault.depth}`,
      );
    }
  } else if (fault.kind !== 'invalid-record') {
    checkCommonFault(fault);
    return;
  }
  if (fault.index !== undefined && !(Number.isInteger(fault.index) && fault.index >= 0)) {
    throw new RangeError(`${fault.kind} index must be a whole number >= 0, not ${fault.index}`);
  }
}
