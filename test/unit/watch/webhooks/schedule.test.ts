import fc from 'fast-check';
import { WebhookConfigError } from '../../../../src/watch/webhooks/errors';
import {
  createRetrySchedule,
  DEFAULT_RETRY_SCHEDULE_MS,
} from '../../../../src/watch/webhooks/schedule';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('createRetrySchedule', () => {
  it('defaults to 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (Svix), then dead letter', () => {
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    const schedule = createRetrySchedule({ random: () => 0.5 });
    expect(schedule.attempts).toBe(8);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => schedule.nextDueAt(n, NOW)! - NOW);
    expect(delays).toEqual(DEFAULT_RETRY_SCHEDULE_MS.slice(1));
    expect(schedule.nextDueAt(8, NOW)).toBeUndefined();
  });

  it('keeps every jittered delay within ±20 % of the scheduled one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const delay = createRetrySchedule({ random: () => r }).nextDueAt(n, NOW)! - NOW;
          const planned = DEFAULT_RETRY_SCHEDULE_MS[n]!;
          expect(delay).toBeGreaterThanOrEqual(Math.floor(planned * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.ceil(planned * 1.2));
        },
      ),
    );
  });

  it('reaches both ends of the jitter with the lowest and highest random value', () => {
    expect(createRetrySchedule({ random: () => 0 }).nextDueAt(1, NOW)! - NOW).toBe(4_000);
    expect(createRetrySchedule({ random: () => 0.999_999 }).nextDueAt(1, NOW)! - NOW).toBe(6_000);
  });

  it('takes a configured list in milliseconds, as the tests do', () => {
    const schedule = createRetrySchedule({ delaysMs: [0, 10, 20], jitter: 0 });
    expect([1, 2, 3].map((n) => schedule.nextDueAt(n, NOW))).toEqual([
      NOW + 10,
      NOW + 20,
      undefined,
    ]);
  });

  it('waits for a Retry-After longer than the scheduled delay, and never less than scheduled', () => {
    const schedule = createRetrySchedule({ delaysMs: [0, 1_000], jitter: 0 });
    expect(schedule.nextDueAt(1, NOW, 60_000)).toBe(NOW + 60_000);
    expect(schedule.nextDueAt(1, NOW, 10)).toBe(NOW + 1_000);
    expect(schedule.nextDueAt(2, NOW, 60_000)).toBeUndefined();
  });

  it.each([
    ['an empty list', { delaysMs: [] }, 'at least one attempt'],
    ['a first entry other than 0', { delaysMs: [5, 10] }, 'must be 0'],
    ['a negative delay', { delaysMs: [0, -1] }, 'finite number'],
    ['an infinite delay', { delaysMs: [0, Infinity] }, 'finite number'],
    ['jitter over 1', { jitter: 1.5 }, 'jitter'],
  ])('refuses %s', (_case, options, message) => {
    expect(() => createRetrySchedule(options)).toThrow(WebhookConfigError);
    expect(() => createRetrySchedule(options)).toThrow(message);
  });
});
