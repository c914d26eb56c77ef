import { checkCommonFault } from '../shared/faults';
import type { LosantFault } from './types';

/** Throws RangeError on a fault that cannot be applied (see README.md, Fault injection). */
export function checkLosantFault(fault: LosantFault): void {
  if (fault.kind !== 'invalid-record') {
    checkCommonFault(fault);
    return;
  }
  if (fault.index !== undefined && !(Number.isInteger(fault.index) && fault.index >= 0)) {
    throw new RangeError(`invalid-record index must be a whole number >= 0, not ${fault.index}`);
  }
}
