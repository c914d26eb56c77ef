import pino, { type DestinationStream, type Logger } from 'pino';

/** Secrets that may appear in logged objects; pino replaces them. */
export const REDACT_PATHS: readonly string[] = [
  '*.password',
  '*.key',
  '*.apiKeys',
  '*.soapUsers',
  'config.sources[*].credentials',
  'req.headers.authorization',
];

/**
 * The gateway's logger: JSON lines at `level`, secrets redacted (REDACT_PATHS), to `destination`
 * or else to stdout, written synchronously: each line is one write(2) before the call returns.
 * pino's default, an asynchronous write per line through libuv's thread pool, cost a one-core
 * gateway about 3 more context switches and some 25 µs more CPU per request (bench/RESULTS.md,
 * 2026-11-28 "fourth"), queued its lines behind DNS lookups and crypto in that pool, and lost
 * what was queued when the process died. Like Node's own stdout to a file or pipe, a write blocks
 * while the reader does not keep up.
 */
export function makeLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}
