import { GatewayError } from '../../../src/errors/gateway-error';
import { createParseSlots } from '../../../src/soap/parse-slots';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Stands for a synchronous parse.
  }
}

describe('createParseSlots', () => {
  it('gives out at most max slots and refuses the next with GW_ERR_OVERLOADED and Retry-After', () => {
    const slots = createParseSlots(2);
    const first = slots.take();
    slots.take();
    let refused: unknown;
    try {
      slots.take();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({ code: 'GW_ERR_OVERLOADED', retryAfter: 1 });
    first.release();
    first.release();
    expect(slots.taken).toBe(1);
    expect(() => slots.take()).not.toThrow();
  });

  it('resolves with the parse result and rejects with its error', async () => {
    const slots = createParseSlots(2);
    await expect(slots.take().parse(() => 42)).resolves.toBe(42);
    await expect(
      slots.take().parse(() => {
        throw new Error('not well-formed');
      }),
    ).rejects.toThrow('not well-formed');
  });

  it('runs parses one per event-loop turn, with other work let through between them', async () => {
    const slots = createParseSlots(4);
    const order: string[] = [];
    const parses = [1, 2, 3].map((n) =>
      slots.take().parse(() => {
        order.push(`parse ${n}`);
        // Work another request queued meanwhile (I/O, or here an immediate) runs before the next.
        setImmediate(() => order.push(`other after ${n}`));
      }),
    );
    await Promise.all(parses);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order.slice(0, 5)).toEqual([
      'parse 1',
      'other after 1',
      'parse 2',
      'other after 2',
      'parse 3',
    ]);
  });

  it('rests as long as a parse took before the next one starts', async () => {
    const slots = createParseSlots(2);
    const times: number[] = [];
    await Promise.all(
      [1, 2].map(() =>
        slots.take().parse(() => {
          times.push(performance.now());
          busy(30);
          times.push(performance.now());
        }),
      ),
    );
    const [, firstEnded, secondStarted] = times as [number, number, number, number];
    // Timers may fire a little early; 25 ms of a 30 ms rest is a generous floor.
    expect(secondStarted - firstEnded).toBeGreaterThanOrEqual(25);
  });
});
