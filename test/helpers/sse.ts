/**
 * A Server-Sent Events client for tests: opens a stream with undici's fetch (a Bearer key, which
 * a browser EventSource cannot send), parses events as the SSE specification says, and lets a
 * test wait for the events it expects.
 */

export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | undefined;
}

export interface SseStream {
  readonly status: number;
  readonly headers: Headers;
  /** Every event received so far (comments excluded), oldest first. */
  readonly events: SseEvent[];
  /** Comment lines received so far (heartbeats), without the leading colon. */
  readonly comments: string[];
  /** The `retry:` value the stream asked for, if any. */
  retry: number | undefined;
  /** Resolves with the first event (from the start) that `match` accepts; rejects after `ms`. */
  waitFor(match: (event: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Resolves once the server ended the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export async function openSse(
  url: string,
  options: { readonly key?: string | null; readonly lastEventId?: string } = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.key !== null && options.key !== undefined)
    headers.authorization = `Bearer ${options.key}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const stream: SseStream = {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    retry: undefined,
    waitFor(match, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = events.find(match);
          if (found === undefined) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms (got ${events.length} events)`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    ended: Promise.resolve(),
    close: () => controller.abort(),
  };
  if (response.body === null || !response.ok) return stream;
  const body = response.body;
  (stream as { ended: Promise<void> }).ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    let data: string[] = [];
    let event = '';
    let id: string | undefined;
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.search(/\r\n|\r|\n/); end >= 0; end = buffer.search(/\r\n|\r|\n/)) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(buffer.startsWith('\r\n', end) ? end + 2 : end + 1);
          if (line === '') {
            if (data.length > 0) {
              events.push({ event: event === '' ? 'message' : event, data: data.join('\n'), id });
              for (const wake of [...waiters]) wake();
            }
            data = [];
            event = '';
            continue;
          }
          if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(value);
          else if (field === 'event') event = value;
          else if (field === 'id') id = value;
          else if (field === 'retry' && /^\d+$/.test(value)) stream.retry = Number(value);
        }
      }
    } catch {
      // Aborted by close(), or the connection was cut: the stream is over either way.
    }
  })();
  return stream;
}
