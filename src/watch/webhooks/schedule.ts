import { WebhookConfigError } from './errors';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Svix's schedule, which the Standard Webhooks authors recommend: the delay before each attempt,
 * counted from the previous failure; the first, 0, is the first attempt, made at once. Eight
 * attempts over about 28 hours, then the job is dead-lettered.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

/** ±20 %: spreads the retries of many jobs that failed together (a receiver outage). */
export const DEFAULT_JITTER = 0.2;

export interface RetryScheduleOptions {
  /** Delay before each attempt in ms; entry 0 is the first attempt and must be 0. */
  readonly delaysMs?: readonly number[];
  /** Fraction each delay may move either way (0 to 1). */
  readonly jitter?: number;
  /** Returns [0, 1); Math.random by default, fixed in tests. */
  readonly random?: () => number;
}

export interface RetrySchedule {
  /** Attempts a job gets before it is dead-lettered. */
  readonly attempts: number;
  /**
   * When attempt `attempts + 1` is due, after `attempts` failed ones, in epoch ms: the
   * scheduled delay with jitter, or the receiver's Retry-After if that is later; undefined when
   * every attempt has been made (dead-letter the job).
   */
  nextDueAt(attempts: number, now: number, retryAfterMs?: number): number | undefined;
}

/** Checks a schedule; answers a problem line per fault. */
export function retryScheduleProblems(delaysMs: readonly number[], jitter: number): string[] {
  const problems: string[] = [];
  if (delaysMs.length === 0) problems.push('retry schedule: at least one attempt is needed');
  if (delaysMs.length > 0 && delaysMs[0] !== 0) {
    problems.push(
      'retry schedule: the first entry is the first attempt, made at once: it must be 0',
    );
  }
  if (delaysMs.some((delay) => !Number.isFinite(delay) || delay < 0)) {
    problems.push('retry schedule: every delay must be a finite number of milliseconds, 0 or more');
  }
  if (!(jitter >= 0 && jitter <= 1)) problems.push('retry schedule: jitter must be within 0 and 1');
  return problems;
}

/** Builds the retry schedule; throws WebhookConfigError on a bad list or jitter. */
export function createRetrySchedule(options: RetryScheduleOptions = {}): RetrySchedule {
  const delaysMs = [...(options.delaysMs ?? DEFAULT_RETRY_SCHEDULE_MS)];
  const jitter = options.jitter ?? DEFAULT_JITTER;
  const random = options.random ?? Math.random;
  const problems = retryScheduleProblems(delaysMs, jitter);
  if (problems.length > 0) throw new WebhookConfigError(problems);
  return {
    attempts: delaysMs.length,
    nextDueAt(attempts, now, retryAfterMs) {
      const delay = delaysMs[attempts];
      if (delay === undefined) return undefined;
      const jittered = Math.round(delay * (1 + jitter * (2 * random() - 1)));
      return now + Math.max(jittered, retryAfterMs ?? 0);
    },
  };
}
