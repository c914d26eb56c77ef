import type { FaultQueue } from './injection';
import type { Listening } from './listen';

/** What every running emulator offers a test; each adds its own URLs and controls. */
export interface RunningEmulator<Fault, Recorded, Seed> {
  /** e.g. http://127.0.0.1:PORT (no trailing slash). */
  readonly url: string;
  /** Every request the emulator records (its README says which), oldest first. */
  readonly requests: readonly Recorded[];
  readonly seed: Seed;
  /** Queues a fault for the next `times` faultable requests (default 1). */
  inject(fault: Fault, times?: number): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Closes the server and any hung sockets. */
  close(): Promise<void>;
}

/** The common members of a running emulator, over the pieces it owns. */
export function runningEmulator<Fault, Recorded, Seed>(parts: {
  readonly listening: Listening;
  readonly faults: FaultQueue<Fault>;
  readonly requests: Recorded[];
  readonly seed: Seed;
}): RunningEmulator<Fault, Recorded, Seed> {
  const { listening, faults, requests, seed } = parts;
  return {
    url: listening.url,
    requests,
    seed,
    inject: (fault, times) => faults.inject(fault, times),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    close: () => {
      faults.clear();
      return listening.close();
    },
  };
}
