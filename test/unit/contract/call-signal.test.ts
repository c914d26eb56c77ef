/**
 * CallController: the per-call cancellation signal (src/contract/call-signal.ts). It behaves as
 * an AbortController for what the gateway does with one, and its signals die young: V8 keeps
 * Node's own AbortSignals through every young-generation collection until they are promoted.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CallController } from '../../../src/contract';
import { moduleScript } from '../../helpers/child-module';

describe('CallController', () => {
  it('starts unaborted', () => {
    const { signal } = new CallController();
    expect(signal.aborted).toBe(false);
    expect(signal.reason).toBeUndefined();
    expect(() => signal.throwIfAborted()).not.toThrow();
  });

  it('aborts once with the reason given, calling onabort and each listener once', () => {
    const controller = new CallController();
    const { signal } = controller;
    const heard: string[] = [];
    signal.onabort = (event) => heard.push(`onabort ${event.type}`);
    signal.addEventListener('abort', () => heard.push('listener'));
    signal.addEventListener('abort', () => heard.push('once'), { once: true });
    const reason = new Error('deadline');
    controller.abort(reason);
    controller.abort(new Error('later'));
    expect(heard).toEqual(['onabort abort', 'listener', 'once']);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    expect(() => signal.throwIfAborted()).toThrow(reason);
  });

  it('defaults its reason to an AbortError, as AbortController does', () => {
    const controller = new CallController();
    controller.abort();
    expect(controller.signal.reason).toBeInstanceOf(DOMException);
    expect((controller.signal.reason as DOMException).name).toBe('AbortError');
  });

  it('does not call a listener that was removed', () => {
    const controller = new CallController();
    const listener = jest.fn();
    controller.signal.addEventListener('abort', listener);
    controller.signal.removeEventListener('abort', listener);
    controller.abort();
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps its state to itself: aborted and reason cannot be set from outside', () => {
    const { signal } = new CallController();
    expect(() => {
      (signal as { aborted: boolean }).aborted = true;
    }).toThrow(TypeError);
    expect(signal.aborted).toBe(false);
  });

  /**
   * Makes 300,000 signals in a child process under --trace-gc-nvp, each with an 'abort' listener
   * added and removed, and sums what young-generation collections promoted. The control keeps
   * every signal alive across collections (in batches of 20,000), to show the sum sees promotion.
   */
  function promotedBytes(keepBatches: boolean): number {
    const file = join(__dirname, '..', '..', '..', 'src', 'contract', 'call-signal.ts');
    const script = `
      ${moduleScript(file, 'callSignal')}
      const { CallController } = callSignal;
      const kept = [];
      for (let i = 0; i < 300000; i += 1) {
        const controller = new CallController();
        const listener = () => {};
        controller.signal.addEventListener('abort', listener, { once: true });
        controller.signal.removeEventListener('abort', listener);
        if (${keepBatches}) { kept.push(controller); if (kept.length === 20000) kept.length = 0; }
      }`;
    const trace = execFileSync(process.execPath, ['--trace-gc-nvp', '-e', script], {
      encoding: 'utf8',
    });
    let promoted = 0;
    for (const match of trace.matchAll(/gc=s .*?\bpromoted=(\d+)/g)) promoted += Number(match[1]);
    return promoted;
  }

  it('makes signals that die young (none promoted), where kept ones are', () => {
    const control = promotedBytes(true);
    const dropped = promotedBytes(false);
    expect(control).toBeGreaterThan(10 * 1024 * 1024);
    expect(dropped).toBeLessThan(control / 100);
  });
});
