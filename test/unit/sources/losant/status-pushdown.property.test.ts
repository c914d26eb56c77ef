/**
 * The statuses the Losant adapter pushes down select exactly the records its own filter keeps:
 * for any set of unified statuses and any record status (one of Losant's five, absent, or one
 * Losant never documented), the `query` it sends, evaluated with Mongo semantics by the emulator's
 * matcher, agrees with the unified status of the normalized record.
 */
import fc from 'fast-check';
import { UNIFIED_STATUSES } from '../../../../src/contract';
import { compileQuery } from '../../../../src/emulators/losant/query-match';
import { planList } from '../../../../src/sources/losant/query';
import { NATIVE_STATUSES, statusOfLosant } from '../../../../src/sources/losant/normalize';
import type { LosantJobLog } from '../../../../src/schemas/types/losant-job-log';

const recordStatuses = fc.oneof(
  fc.constantFrom(...NATIVE_STATUSES),
  fc.constant(undefined),
  fc.constantFrom('paused', 'Completed', ''),
);

describe('planList status push-down', () => {
  it('asks Losant for exactly the records whose unified status the query wants', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...UNIFIED_STATUSES), { minLength: 1 }),
        recordStatuses,
        (statuses, status) => {
          const plan = planList({ status: statuses, limit: 10 }, 100);
          const record = (status === undefined ? {} : { status }) as LosantJobLog;
          const sent =
            plan.canMatch && (plan.filter === undefined || compileQuery(plan.filter)(record));
          return sent === statuses.includes(statusOfLosant(status));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
