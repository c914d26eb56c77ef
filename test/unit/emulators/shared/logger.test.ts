import pino from 'pino';
import { emulatorLogger } from '../../../../src/emulators/shared/logger';

describe('emulatorLogger', () => {
  describe('when given a logger', () => {
    it('logs through a child bound to the emulator name', () => {
      const lines: string[] = [];
      const parent = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
      emulatorLogger(parent, 'losant').info('listening');
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ emulator: 'losant', msg: 'listening' });
    });
  });

  describe('when given none', () => {
    it('is silent', () => {
      expect(emulatorLogger(undefined, 'scene7').level).toBe('silent');
    });
  });
});
