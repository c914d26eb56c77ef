import type { Logger } from 'pino';
import type { Config } from '../schemas/types/config';
import { startGateway, type RunningGateway } from './gateway';

/**
 * Starts the gateway, logs where it listens, and on SIGTERM or SIGINT drains it, runs
 * `afterClose` (the demo stops its emulators there) and exits 0: `serve` and `demo` alike.
 */
export async function serveUntilSignalled(
  config: Readonly<Config>,
  logger: Logger,
  afterClose: () => Promise<void> = () => Promise.resolve(),
): Promise<RunningGateway> {
  const gateway = await startGateway(config, { logger });
  logger.info(
    { url: gateway.url, sources: config.sources.map(({ id, type }) => ({ id, type })) },
    'joblog-gateway listening',
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void gateway
      .close()
      .then(afterClose)
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return gateway;
}
