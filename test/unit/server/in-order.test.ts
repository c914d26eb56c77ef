import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { inOrder } from '../../../src/server/middleware/in-order';

const req = {} as Request;
const res = {} as Response;

/** Runs the composed middleware; resolves with what reached express's next and the calls made. */
function run(...handlers: RequestHandler[]): Promise<{ nextArgs: unknown[]; calls: string[] }> {
  return new Promise((resolve) => {
    const calls: string[] = [];
    (globalThis as { calls?: string[] }).calls = calls;
    const next: NextFunction = (...nextArgs: unknown[]) => resolve({ nextArgs, calls });
    inOrder(...handlers)(req, res, next);
  });
}

const mark =
  (name: string, then: (next: NextFunction) => void = (next) => next()): RequestHandler =>
  (_req, _res, next) => {
    (globalThis as { calls?: string[] }).calls?.push(name);
    then(next);
  };

describe('inOrder', () => {
  it('runs every handler in order, synchronous or not, then calls next once with nothing', async () => {
    const result = await run(
      mark('a'),
      mark('b', (next) => setImmediate(next)),
      mark('c'),
    );
    expect(result).toEqual({ nextArgs: [], calls: ['a', 'b', 'c'] });
  });

  it('passes an error given to next on and skips the rest', async () => {
    const failure = new Error('refused');
    const result = await run(
      mark('a', (next) => next(failure)),
      mark('b'),
    );
    expect(result).toEqual({ nextArgs: [failure], calls: ['a'] });
  });

  it('passes a thrown error on and skips the rest', async () => {
    const failure = new Error('thrown');
    const result = await run(
      mark('a', () => {
        throw failure;
      }),
      mark('b'),
    );
    expect(result).toEqual({ nextArgs: [failure], calls: ['a'] });
  });

  it('passes a rejected promise on', async () => {
    const failure = new Error('rejected');
    const rejecting: RequestHandler = () => Promise.reject(failure);
    const result = await run(mark('a'), rejecting, mark('c'));
    expect(result).toEqual({ nextArgs: [failure], calls: ['a'] });
  });
});
