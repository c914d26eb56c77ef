import { FaultQueue } from '../../../../src/emulators/shared/injection';

interface Fault {
  readonly kind: string;
}

const noCheck = (): void => undefined;

describe('FaultQueue', () => {
  describe('when nothing is queued', () => {
    it('gives no fault', () => {
      expect(new FaultQueue<Fault>(noCheck).next()).toBeUndefined();
    });
  });

  describe('when faults are queued for several requests', () => {
    it('gives each for its count, in order, then none', () => {
      const queue = new FaultQueue<Fault>(noCheck);
      queue.inject({ kind: 'a' }, 2);
      queue.inject({ kind: 'b' });
      const kinds = [1, 2, 3, 4].map(() => queue.next()?.kind);
      expect(kinds).toEqual(['a', 'a', 'b', undefined]);
    });
  });

  describe('when cleared', () => {
    it('drops every queued fault', () => {
      const queue = new FaultQueue<Fault>(noCheck);
      queue.inject({ kind: 'a' }, 5);
      queue.clear();
      expect(queue.next()).toBeUndefined();
    });
  });

  describe('when times is not a positive integer', () => {
    it.each([0, -1, 1.5, Number.NaN])('throws RangeError for %s and queues nothing', (times) => {
      const queue = new FaultQueue<Fault>(noCheck);
      expect(() => queue.inject({ kind: 'a' }, times)).toThrow(RangeError);
      expect(queue.next()).toBeUndefined();
    });
  });

  describe('when the check refuses the fault', () => {
    it('throws what the check throws and queues nothing', () => {
      const queue = new FaultQueue<Fault>((fault) => {
        if (fault.kind === 'bad') throw new RangeError('bad fault');
      });
      expect(() => queue.inject({ kind: 'bad' })).toThrow('bad fault');
      expect(queue.next()).toBeUndefined();
    });
  });
});
