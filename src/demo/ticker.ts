import type { Logger } from 'pino';
import type { UnifiedStatus } from '../contract';
import { createPrng, type Prng } from '../emulators/shared/prng';

/** The ticker's interval when `--tick` names none, and the bounds of a given one (ms). */
export const DEFAULT_TICK_MS = 5000;
export const MIN_TICK_MS = 50;
export const MAX_TICK_MS = 3_600_000;

function milliseconds(text: string, name: string): number {
  const ms = /^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(ms >= MIN_TICK_MS && ms <= MAX_TICK_MS))
    throw new RangeError(
      `${name} must be a whole number of milliseconds from ${MIN_TICK_MS} to ${MAX_TICK_MS}, not "${text.slice(0, 20)}"`,
    );
  return ms;
}

/**
 * The ticker's interval from the demo's `--tick [ms]` flag (true when given without a value)
 * or, without the flag, DEMO_TICK_MS (unset, empty or 0: off). Undefined: no ticker. Throws
 * RangeError on a value that is not a whole number of ms in range.
 */
export function tickIntervalOf(
  flag: string | boolean | undefined,
  env: string | undefined,
): number | undefined {
  if (flag === true) return DEFAULT_TICK_MS;
  if (typeof flag === 'string') return milliseconds(flag, '--tick');
  if (env === undefined || env.trim() === '' || env.trim() === '0') return undefined;
  return milliseconds(env, 'DEMO_TICK_MS');
}

/** One emulator the ticker appends to, under the demo source id that reads it. */
export interface TickTarget {
  readonly sourceId: string;
  readonly statuses: readonly UnifiedStatus[];
  /** Appends a record with this status now; answers what identifies it in the log line. */
  append(status: UnifiedStatus, prng: Prng): Readonly<Record<string, unknown>>;
}

/** A running ticker. */
export interface DemoTicker {
  readonly intervalMs: number;
  /** Records appended so far. */
  readonly appended: number;
  /** Stops it; later calls do nothing. */
  stop(): void;
}

/**
 * Every `intervalMs`, appends one record with a pseudo-random status (one the emulator can hold)
 * to a pseudo-random target, and logs one line saying which. The sequence is the same on every
 * run for the same `seed`. The timer does not keep the process alive.
 */
export function startTicker(options: {
  readonly targets: readonly TickTarget[];
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly seed?: number;
}): DemoTicker {
  const prng = createPrng(options.seed ?? 0x71c4);
  const logger = options.logger.child({ component: 'demo-ticker' });
  let appended = 0;
  const tick = (): void => {
    const target = prng.pick(options.targets);
    const status = prng.pick(target.statuses);
    try {
      const record = target.append(status, prng);
      appended += 1;
      logger.info({ source: target.sourceId, status, ...record }, 'demo ticker appended a job log');
    } catch (error) {
      logger.error({ err: error, source: target.sourceId, status }, 'demo ticker could not append');
    }
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    intervalMs: options.intervalMs,
    get appended() {
      return appended;
    },
    stop: () => clearInterval(timer),
  };
}
