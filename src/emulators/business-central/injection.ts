import { checkCommonFault } from '../shared/faults';
import type { BusinessCentralFault } from './types';

/** Throws RangeError on a fault that cannot be applied (see README.md, Fault injection). */
export function checkBusinessCentralFault(fault: BusinessCentralFault): void {
  switch (fault.kind) {
    case 'invalid-record':
      if (fault.index !== undefined && (!Number.isInteger(fault.index) || fault.index < 0)) {
        throw new RangeError(`invalid-record index must be an integer >= 0, not ${fault.index}`);
      }
      return;
    case 'expire-tokens':
    case 'pass':
      return;
    default:
      checkCommonFault(fault);
  }
}
