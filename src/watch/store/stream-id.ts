/** Redis stream entry ids (`<ms>-<seq>`, both unsigned 64-bit): parsing and ordering. */

/** An entry id as its two numbers. */
export type StreamId = readonly [ms: bigint, seq: bigint];

const ZERO: StreamId = [0n, 0n];
const STREAM_ID = /^(0|[1-9][0-9]{0,19})-(0|[1-9][0-9]{0,19})$/;
const MAX = 2n ** 64n - 1n;

/** The id's numbers, or undefined for anything that is not a full entry id. */
export function parseStreamId(id: string): StreamId | undefined {
  const match = STREAM_ID.exec(id);
  if (match === null) return undefined;
  const ms = BigInt(match[1] as string);
  const seq = BigInt(match[2] as string);
  return ms <= MAX && seq <= MAX ? [ms, seq] : undefined;
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (undefined: `0-0`). */
export function compareStreamIds(a: StreamId, b: StreamId | undefined): number {
  const [bMs, bSeq] = b ?? ZERO;
  if (a[0] !== bMs) return a[0] < bMs ? -1 : 1;
  if (a[1] !== bSeq) return a[1] < bSeq ? -1 : 1;
  return 0;
}
