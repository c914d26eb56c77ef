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

/** The gateway's logger: JSON lines at `level`, secrets redacted (REDACT_PATHS). */
export function makeLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
