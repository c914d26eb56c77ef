import pino, { type Logger } from 'pino';

/** The emulator's logger: a child of `logger` bound to `emulator: name`, silent when none is given. */
export function emulatorLogger(logger: Logger | undefined, name: string): Logger {
  return (logger ?? pino({ level: 'silent' })).child({ emulator: name });
}
