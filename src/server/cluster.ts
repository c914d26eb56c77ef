import cluster from 'node:cluster';
import type { Logger } from 'pino';

/** First wait before a dead worker is replaced; it doubles with each recent restart. */
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;
/** Restarts allowed within RESTART_WINDOW_MS; one more and the primary gives up (exit 1). */
const MAX_RESTARTS = 10;
const RESTART_WINDOW_MS = 60_000;
/** How long after the workers' own grace the primary waits before it kills what is left. */
const KILL_AFTER_GRACE_MS = 5000;

export interface WorkersOptions {
  readonly workers: number;
  readonly logger: Logger;
  /** The workers' shutdown grace (server.shutdownGraceMs); the primary waits a little longer. */
  readonly shutdownGraceMs: number;
}

/**
 * The primary of `serve --workers N` (node:cluster): forks N workers that each run the whole
 * gateway on the same port (the primary hands out connections round-robin), replaces a worker
 * that dies (after a backoff that doubles, at most MAX_RESTARTS within a minute, then it stops
 * every worker and exits 1), and on SIGTERM or SIGINT passes SIGTERM to every worker, which drain
 * as a single process does, and exits 0 once all are gone. State kept in memory (rate limits,
 * the response cache) is per worker; `redis` shares it.
 */
export function superviseWorkers(options: WorkersOptions): void {
  const { logger } = options;
  let stopping = false;
  let failed = false;
  const restarts: number[] = [];

  const stopAll = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, options.shutdownGraceMs + KILL_AFTER_GRACE_MS).unref();
    exitWhenAllGone();
  };
  function exitWhenAllGone(): void {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
  }

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      exitWhenAllGone();
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && (restarts[0] as number) <= now - RESTART_WINDOW_MS)
      restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      logger.error(
        { worker: worker.process.pid, code, signal, restarts: restarts.length },
        'workers keep dying: stopping the gateway',
      );
      failed = true;
      stopAll('restart limit');
      return;
    }
    const backoffMs = Math.min(FIRST_BACKOFF_MS * 2 ** restarts.length, MAX_BACKOFF_MS);
    restarts.push(now);
    logger.warn(
      { worker: worker.process.pid, code, signal, backoffMs },
      'a worker died: starting another',
    );
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, backoffMs);
  });
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  logger.info({ workers: options.workers }, 'starting workers');
  for (let i = 0; i < options.workers; i += 1) cluster.fork();
}
