/**
 * The file store's state and its JSON form on disk. One file holds everything, so that one rename
 * replaces it all at once: the marks per source, the outbox ring, the sequence counter and the
 * pending delivery jobs.
 */
import { randomBytes } from 'node:crypto';
import type { DeliveryJob, SourceMark, StoredEvent } from '../types';
import { isDeliveryJob, isObject, isSourceMark, isWatchEvent, own, storedEvent } from './shape';

/** Names the file's format, so that another program's JSON is refused rather than misread. */
const FORMAT = 'joblog-gateway/watch-state';
const VERSION = 1;

/** The file store's whole state (replaced, never mutated, once it is durable). */
export interface FileState {
  /** Fixed when the file is first created: positions of another file or a reset never match. */
  readonly epoch: string;
  /** The last sequence number given (0 before the first event). */
  readonly seq: number;
  readonly marks: ReadonlyMap<string, SourceMark>;
  /** The outbox ring, oldest first: positions `<epoch>-<seq - length + 1>` to `<epoch>-<seq>`. */
  readonly events: readonly StoredEvent[];
  readonly jobs: ReadonlyMap<string, DeliveryJob>;
}

/** The watch state file cannot be used: start-up stops with this rather than start afresh. */
export class WatchStateFileError extends Error {
  override readonly name = 'WatchStateFileError';
  constructor(
    readonly path: string,
    reason: string,
    options?: { readonly cause?: unknown },
  ) {
    super(
      `The watch state file ${path} ${reason}. It was left as it is: restore or fix it, or move it ` +
        'away to start with empty watch state (source marks, the replay buffer and pending ' +
        'webhook deliveries are then lost).',
      options,
    );
  }
}

/** A new epoch: base-36 creation time and random hex, lower-case letters and digits, no `-`. */
function newEpoch(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** The state of a file store that has never saved anything. */
export function emptyState(): FileState {
  return { epoch: newEpoch(), seq: 0, marks: new Map(), events: [], jobs: new Map() };
}

/** The position of sequence number `seq` in the file of `epoch`. */
export function positionOf(epoch: string, seq: number): string {
  return `${epoch}-${seq}`;
}

const POSITION = /^([a-z0-9]{1,64})-(0|[1-9][0-9]{0,15})$/;

/** The epoch and sequence number of a file store position, or undefined for anything else. */
export function parsePosition(
  position: string,
): { readonly epoch: string; readonly seq: number } | undefined {
  const match = POSITION.exec(position);
  if (match === null) return undefined;
  const seq = Number(match[2]);
  return Number.isSafeInteger(seq) ? { epoch: match[1] as string, seq } : undefined;
}

/** The file's JSON text. */
export function encodeState(state: FileState): string {
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    epoch: state.epoch,
    seq: state.seq,
    marks: Object.fromEntries(state.marks),
    events: state.events,
    jobs: [...state.jobs.values()],
  });
}

type Invalid = (what: string) => WatchStateFileError;

function decodeMarks(marks: unknown, invalid: Invalid): Map<string, SourceMark> {
  if (!isObject(marks)) throw invalid('"marks" is not an object');
  const entries = Object.entries(marks);
  for (const [source, mark] of entries) {
    if (!isSourceMark(mark)) throw invalid(`the mark of source ${JSON.stringify(source)}`);
  }
  return new Map(entries as [string, SourceMark][]);
}

/** The ring, whose positions must run `<epoch>-<seq - length + 1>` .. `<epoch>-<seq>`. */
function decodeEvents(events: unknown, epoch: string, seq: number, invalid: Invalid) {
  if (!Array.isArray(events) || events.length > seq) throw invalid('"events"');
  const first = seq - events.length + 1;
  return (events as unknown[]).map((event, index): StoredEvent => {
    const position = positionOf(epoch, first + index);
    if (!isWatchEvent(event) || !isObject(event) || own(event, 'position') !== position) {
      throw invalid(`outbox event ${index} (expected at position ${position})`);
    }
    return storedEvent(event, position);
  });
}

function decodeJobs(jobList: unknown, invalid: Invalid): Map<string, DeliveryJob> {
  if (!Array.isArray(jobList)) throw invalid('"jobs" is not an array');
  const jobs = new Map<string, DeliveryJob>();
  for (const [index, job] of (jobList as unknown[]).entries()) {
    if (!isDeliveryJob(job)) throw invalid(`delivery job ${index}`);
    if (jobs.has(job.id)) throw invalid(`delivery job ${JSON.stringify(job.id)} appears twice`);
    jobs.set(job.id, job);
  }
  return jobs;
}

/**
 * The state in the file's text; throws WatchStateFileError naming what is wrong (not JSON,
 * another format, a field of the wrong shape, positions out of sequence, a job twice).
 */
export function decodeState(text: string, path: string): FileState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WatchStateFileError(path, 'is not JSON (cut short or overwritten?)', {
      cause: error,
    });
  }
  const invalid: Invalid = (what) => new WatchStateFileError(path, `is not valid: ${what}`);
  if (!isObject(data) || own(data, 'format') !== FORMAT) {
    throw invalid(`it is not a watch state file (no "format": "${FORMAT}")`);
  }
  if (own(data, 'version') !== VERSION) {
    throw invalid(`version ${JSON.stringify(own(data, 'version'))} is not ${VERSION}`);
  }
  const epoch = own(data, 'epoch');
  const seq = own(data, 'seq');
  if (typeof epoch !== 'string' || parsePosition(`${epoch}-0`) === undefined) {
    throw invalid('"epoch" is missing or malformed');
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw invalid('"seq" is not a whole number');
  }
  return {
    epoch,
    seq,
    marks: decodeMarks(own(data, 'marks'), invalid),
    events: decodeEvents(own(data, 'events'), epoch, seq, invalid),
    jobs: decodeJobs(own(data, 'jobs'), invalid),
  };
}
