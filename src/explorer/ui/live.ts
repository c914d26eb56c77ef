/**
 * The live tail: GET /v1/job-logs/stream read with fetch (EventSource cannot send the key in a
 * header, and the key never goes in a URL), parsed with eventsource-parser. It reconnects after
 * the server's `retry` with `Last-Event-ID`, so nothing is missed across a reconnect.
 */
import { createParser } from 'eventsource-parser';
import { ApiError, openStream, type UnifiedJobLog } from './api';

export type LiveState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live' }
  | { readonly kind: 'reconnecting'; readonly reason: string }
  /** The gateway has no live tail (404: no watcher configured); the caller polls instead. */
  | { readonly kind: 'unavailable'; readonly reason: string }
  /** Stopped for good (the key was refused, or the filters are invalid). */
  | { readonly kind: 'failed'; readonly reason: string };

export interface LiveTailHandlers {
  readonly onRecord: (record: UnifiedJobLog) => void;
  /** The id of each event read: pass the last one back to resume after it. */
  readonly onEventId?: (id: string) => void;
  readonly onState: (state: LiveState) => void;
  /** The server could not replay from where we were: records may have been missed. */
  readonly onReset: () => void;
}

const DEFAULT_RETRY_MS = 3000;

/**
 * Starts the tail (after `resumeAfter` when given: the server replays what came since); the
 * function it returns stops it.
 */
export function startLiveTail(
  params: URLSearchParams,
  handlers: LiveTailHandlers,
  resumeAfter?: string,
): () => void {
  const stop = new AbortController();
  let lastEventId: string | undefined = resumeAfter;
  let retryMs = DEFAULT_RETRY_MS;

  const readOnce = async (): Promise<void> => {
    const response = await openStream(params, lastEventId, stop.signal);
    handlers.onState({ kind: 'live' });
    const parser = createParser({
      onRetry: (ms) => {
        retryMs = ms;
      },
      onEvent: (message) => {
        if (message.id !== undefined) {
          lastEventId = message.id;
          handlers.onEventId?.(message.id);
        }
        if (message.event === 'job-log') {
          handlers.onRecord(JSON.parse(message.data) as UnifiedJobLog);
        } else if (message.event === 'reset') {
          handlers.onReset();
        }
      },
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  };

  void (async () => {
    handlers.onState({ kind: 'connecting' });
    while (!stop.signal.aborted) {
      let reason = 'the stream ended';
      try {
        await readOnce();
      } catch (error) {
        if (stop.signal.aborted) return;
        if (error instanceof ApiError) {
          const { status, title, detail } = error.problem;
          const text = detail ?? title;
          if (status === 404) return handlers.onState({ kind: 'unavailable', reason: text });
          if (status !== undefined && status >= 400 && status < 500 && status !== 429)
            return handlers.onState({ kind: 'failed', reason: text });
          reason = text;
        } else {
          reason = String(error);
        }
      }
      if (stop.signal.aborted) return;
      handlers.onState({ kind: 'reconnecting', reason });
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  })();

  return () => stop.abort();
}
