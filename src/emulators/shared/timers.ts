/** Timers the emulator owns, so that `close()` can cancel delayed and dripping responses. */
export class TimerSet {
  readonly #timers = new Set<NodeJS.Timeout>();

  /** Runs `task` after `ms` unless cleared first. */
  after(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      task();
    }, ms);
    this.#timers.add(timer);
  }

  /** Cancels every pending timer. */
  clearAll(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
