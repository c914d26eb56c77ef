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

/** Once a turn has logged this much, it is written at once, mid-turn (sonic-boom's minLength). */
const TURN_BUFFER_CHARS = 8192;

/**
 * A log destination on file descriptor `fd` that writes the lines of one event-loop turn together,
 * synchronously: when the turn's I/O callbacks are done (setImmediate), at once when they reach
 * TURN_BUFFER_CHARS, and when the process exits. Each write is sonic-boom's (partial writes, EAGAIN
 * and EPIPE handled), with no thread pool.
 *
 * pino's default writes each line through libuv's thread pool: on a one-core gateway at 32
 * connections that was 1.2 context switches per IPS request against 0.6 now (`npm run bench --
 * gc`), and lines queued behind DNS lookups and crypto in that pool and were lost when the process
 * died. One write(2) per line instead cost /healthz at 11,000 requests/s 7-16 % of its rate
 * (bench/RESULTS.md, 2026-11-28 "fourth"). Like Node's own stdout to a file or pipe, a write
 * blocks while the reader does not keep up.
 */
export function turnBufferedDestination(fd: number): DestinationStream {
  const sonic = pino.destination({ dest: fd, sync: true, minLength: TURN_BUFFER_CHARS });
  let scheduled = false;
  const flush = (): void => {
    if (!scheduled) return;
    scheduled = false;
    sonic.flush();
  };
  process.on('exit', flush);
  return {
    write(line: string): void {
      sonic.write(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

let stdout: DestinationStream | undefined;

/**
 * The gateway's logger: JSON lines at `level`, secrets redacted (REDACT_PATHS), to `destination`
 * or else to stdout, one turn-buffered destination shared by every logger of the process.
 */
export function makeLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } };
  return pino(options, destination ?? (stdout ??= turnBufferedDestination(1)));
}
