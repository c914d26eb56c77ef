/**
 * The cancellation signal of one call, made for every request: an AbortController whose signal
 * behaves as an AbortSignal for everything the gateway does with one (`aborted`, `reason`,
 * `throwIfAborted`, `onabort`, and 'abort' listeners), without Node's own AbortSignal.
 *
 * Why not Node's: in Node 20 `new AbortController().signal` makes an EventTarget, re-prototypes
 * it and then adds its state under symbols, and V8 keeps every object made that way through each
 * young-generation collection until it is promoted (`--trace-gc-nvp`: a loop making signals and
 * dropping them promotes all of them; the same loop with this class promotes none). With three
 * signals a request, the gateway's garbage went to the old generation and brought on a full
 * collection every few seconds. `test/unit/contract/call-signal.test.ts` shows these signals die
 * young.
 *
 * It is not an `instanceof AbortSignal`: Node's own APIs that need one (a `signal` option of
 * `fetch`, `stream.pipeline`, `AbortSignal.any`) must still be given a real AbortController's.
 */
class CallSignal extends EventTarget implements AbortSignal {
  #aborted = false;
  #reason: unknown = undefined;
  onabort: ((this: AbortSignal, event: Event) => unknown) | null = null;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  /** Called by CallController only. */
  fire(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const event = new Event('abort');
    this.onabort?.call(this, event);
    this.dispatchEvent(event);
  }
}

/** An AbortController for one call: `abort()` aborts its `signal` once, as Node's does. */
export class CallController {
  readonly #signal = new CallSignal();

  get signal(): AbortSignal {
    return this.#signal;
  }

  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    this.#signal.fire(reason);
  }
}
