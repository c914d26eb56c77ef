import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** Log lines as the gateway wrote them (parsed JSON), oldest first. */
export interface CapturedLogs<T = Record<string, unknown>> {
  readonly lines: T[];
  readonly logger: Logger;
}

/** A pino logger that keeps every line it writes, from `level` up. */
export function captureLogs<T = Record<string, unknown>>(
  level: pino.Level = 'debug',
): CapturedLogs<T> {
  const lines: T[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') lines.push(JSON.parse(line) as T);
      }
      done();
    },
  });
  return { lines, logger: pino({ level }, sink) };
}
