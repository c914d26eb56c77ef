import type { UnifiedJobLog } from '../../src/contract';

/** A valid unified record of a Losant source, queued at `time`, for tests of what handles them. */
export function unifiedRecord(
  source: string,
  key: string,
  time: string,
  raw: unknown = {},
): UnifiedJobLog {
  return {
    id: `${source}.${key}`,
    source: { id: source, type: 'losant' },
    job: { id: null, name: null },
    status: 'succeeded',
    nativeStatus: 'completed',
    time,
    times: { queued: time, started: null, ended: null, logged: null },
    message: null,
    user: null,
    target: null,
    details: [],
    raw: raw as UnifiedJobLog['raw'],
  };
}
