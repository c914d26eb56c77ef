import { runningEmulator } from '../../../../src/emulators/shared/emulator';
import { FaultQueue } from '../../../../src/emulators/shared/injection';
import type { Listening } from '../../../../src/emulators/shared/listen';

interface Fault {
  readonly kind: 'hang' | 'bad';
}

function build() {
  const listening: Listening = {
    url: 'http://127.0.0.1:1234',
    close: jest.fn(() => Promise.resolve()),
  };
  const faults = new FaultQueue<Fault>((fault) => {
    if (fault.kind === 'bad') throw new RangeError('bad fault');
  });
  const requests = ['first', 'second'];
  const seed = { name: 'seed' };
  const emulator = runningEmulator({ listening, faults, requests, seed });
  return { listening, faults, requests, seed, emulator };
}

describe('runningEmulator', () => {
  describe('when built', () => {
    it('shows the url, the live request log and the seed', () => {
      const { emulator, requests, seed } = build();
      expect(emulator.url).toBe('http://127.0.0.1:1234');
      expect(emulator.requests).toBe(requests);
      expect(emulator.seed).toBe(seed);
    });
  });

  describe('when a fault is injected', () => {
    it('queues it for that many requests, checked', () => {
      const { emulator, faults } = build();
      emulator.inject({ kind: 'hang' }, 2);
      expect([faults.next(), faults.next(), faults.next()]).toEqual([
        { kind: 'hang' },
        { kind: 'hang' },
        undefined,
      ]);
      expect(() => emulator.inject({ kind: 'bad' })).toThrow(RangeError);
    });

    it('drops it on clearFaults', () => {
      const { emulator, faults } = build();
      emulator.inject({ kind: 'hang' });
      emulator.clearFaults();
      expect(faults.next()).toBeUndefined();
    });
  });

  describe('when clearRequests is called', () => {
    it('empties the same array the emulator records into', () => {
      const { emulator, requests } = build();
      emulator.clearRequests();
      expect(requests).toEqual([]);
      expect(emulator.requests).toBe(requests);
    });
  });

  describe('when closed', () => {
    it('drops queued faults and closes the listener', async () => {
      const { emulator, faults, listening } = build();
      emulator.inject({ kind: 'hang' });
      await emulator.close();
      expect(faults.next()).toBeUndefined();
      expect(listening.close).toHaveBeenCalledTimes(1);
    });
  });
});
