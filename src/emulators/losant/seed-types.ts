import type { LosantJobLog } from '../../schemas/types/losant-job-log';

/** A stored job log: Losant's published shape (the emulator always sets an id). */
export type LosantSeedJobLog = LosantJobLog & { readonly id: string };

/** One Losant application and its job logs, oldest first. */
export interface LosantApplication {
  readonly id: string;
  readonly name: string;
  readonly jobLogs: readonly LosantSeedJobLog[];
}

/** An API token and what it may do (losant.md §1, Scopes). */
export interface LosantToken {
  /** The Bearer value. */
  readonly token: string;
  /** What the token is for, in docs and test names. */
  readonly name: string;
  readonly scopes: readonly string[];
  /** Applications the token may read; absent: every application. */
  readonly applicationIds?: readonly string[];
}

/** Everything the emulator serves. */
export interface LosantSeed {
  readonly applications: readonly LosantApplication[];
  readonly tokens: readonly LosantToken[];
}
