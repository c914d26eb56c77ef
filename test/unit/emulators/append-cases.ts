import { UNIFIED_STATUSES, type UnifiedStatus } from '../../../src/contract';
import type { AppendStatusTable } from '../../../src/emulators/shared/append';

/**
 * Every status an emulator can append with each native value its table allows for it
 * (`undefined` when the record carries none), for tests that go through them all.
 */
export function appendCases(
  table: AppendStatusTable,
): Array<readonly [UnifiedStatus, string | undefined]> {
  return UNIFIED_STATUSES.flatMap((status): Array<readonly [UnifiedStatus, string | undefined]> => {
    const natives = table[status];
    if (natives === undefined) return [];
    if (natives.length === 0) return [[status, undefined] as const];
    return natives.map((native) => [status, native] as const);
  });
}
