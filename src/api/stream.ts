import type { Request, Response } from 'express';
import { refusePaging } from './paging-params';
import type { Logger } from 'pino';
import { matchesQuery, type JobLogQuery } from '../contract';
import { GatewayError } from '../errors/gateway-error';
import type { ListParamsParser } from '../joblogs/query';
import { leaveInFlight, sourcesFor } from '../request/admission';
import { localsOf } from '../request/context';
import { isPosition, type Following, type LiveFeed } from '../watch/live';
import type { StoredEvent } from '../watch/types';

/** The live tail's limits (watch.stream in the config). */
export interface StreamSettings {
  /** A comment line this often keeps proxies from closing an idle stream. */
  readonly heartbeatMs: number;
  /** Streams open at once in this process; more are answered 503. */
  readonly maxClients: number;
  /** A client that lets this much pile up unread is dropped. */
  readonly maxBufferedBytes: number;
  /** The reconnection delay the stream asks of clients (`retry:`). */
  readonly retryMs: number;
}

/** What the live tail reports, for metrics. */
export interface StreamObserver {
  clients(count: number): void;
  dropped(): void;
}

/** The live tail: GET /v1/job-logs/stream, and closing every stream on shutdown. */
export interface StreamHub {
  handle(req: Request, res: Response, parse: ListParamsParser): Promise<void>;
  /** Ends every open stream (shutdown: clients reconnect elsewhere with Last-Event-ID). */
  closeAll(): void;
}

/** How long a dropped client's socket gets to take the final event before it is destroyed. */
const DROP_GRACE_MS = 2000;

/** What a stream lets through: the listing's filters, and the sources the caller may read. */
interface StreamFilter {
  readonly sources: ReadonlySet<string> | undefined;
  readonly query: JobLogQuery;
}

function matches(filter: StreamFilter, event: StoredEvent): boolean {
  if (filter.sources !== undefined && !filter.sources.has(event.source)) return false;
  if (!matchesQuery(event.record, filter.query)) return false;
  const assetHandle = filter.query.forType?.scene7?.assetHandle;
  if (assetHandle === undefined) return true;
  const target = event.record.target;
  return target?.type === 'asset' && target.id === assetHandle;
}

/** `Last-Event-ID` (a reconnecting EventSource), else `lastEventId` (a first connection). */
function resumeFrom(req: Request): string | undefined {
  const header = req.get('last-event-id');
  const query = req.query.lastEventId;
  const value = header ?? (typeof query === 'string' ? query : undefined);
  if (value === undefined || value === '') return undefined;
  if (!isPosition(value))
    throw new GatewayError(
      'GW_ERR_INVALID_PARAMETER',
      '"lastEventId" (or Last-Event-ID) is the `id:` of an event this stream sent.',
      { parameter: 'lastEventId' },
    );
  return value;
}

function eventText(event: StoredEvent): string {
  return `id: ${event.position}\nevent: job-log\ndata: ${JSON.stringify(event.record)}\n\n`;
}

/**
 * The live tail over the watch outbox (Server-Sent Events). A stream is authenticated and
 * admitted like any /v1 request, then gives back its in-flight slots (it may stay open for
 * hours) and counts against its own cap. Each new record the watchers commit that passes the
 * stream's filters and the caller's scope is one `job-log` event whose `id:` is its outbox
 * position; `Last-Event-ID` replays what came after it, or opens with `event: reset` when the
 * outbox no longer holds it (a 200 either way: a browser stops reconnecting on any other
 * status). A client that stops reading is sent `event: dropped` and cut off once more than
 * maxBufferedBytes wait for it, so it can never grow the gateway's memory.
 */
export function createStreamHub(
  feed: LiveFeed,
  settings: StreamSettings,
  observer?: StreamObserver,
): StreamHub {
  const open = new Set<() => void>();

  return {
    async handle(req, res, parse) {
      const filters = { ...(req.query as Record<string, unknown>) };
      delete filters.lastEventId;
      refusePaging(filters, 'the live tail: it has no pages');
      const request = parse(filters, localsOf(res).caller ?? '');
      const after = resumeFrom(req);
      const sources = sourcesFor(res, request.sources);
      const filter: StreamFilter = {
        sources: sources === undefined ? undefined : new Set(sources),
        query: request.query,
      };
      if (open.size >= settings.maxClients)
        throw new GatewayError(
          'GW_ERR_OVERLOADED',
          'The gateway has as many live streams open as it takes; retry shortly.',
          { retryAfter: 5 },
        );

      let following: Following | undefined;
      let ended = false;
      const heartbeat = setInterval(() => write(': hb\n\n'), settings.heartbeatMs);
      heartbeat.unref();
      const end = (): void => {
        if (ended) return;
        ended = true;
        following?.stop();
        clearInterval(heartbeat);
        open.delete(end);
        observer?.clients(open.size);
        if (!res.writableEnded) res.end();
      };
      const write = (text: string): void => {
        if (ended) return;
        if (res.writableLength > settings.maxBufferedBytes) {
          res.write(
            `event: dropped\ndata: ${JSON.stringify({ reason: 'the client read too slowly', maxBufferedBytes: settings.maxBufferedBytes })}\n\n`,
          );
          observer?.dropped();
          // The connection itself goes: once the response has ended, res no longer holds it.
          const socket = res.socket;
          end();
          setTimeout(() => socket?.destroy(), DROP_GRACE_MS).unref();
          return;
        }
        res.write(text);
      };

      leaveInFlight(res);
      open.add(end);
      observer?.clients(open.size);
      res.on('close', end);
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
      res.write(`retry: ${settings.retryMs}\n: joblog-gateway live tail\n\n`);
      try {
        following = await feed.follow(after, {
          event(event) {
            if (matches(filter, event)) write(eventText(event));
          },
          reset() {
            write(
              `event: reset\ndata: ${JSON.stringify({ reason: 'the event after which to resume is no longer kept; events may have been missed', lastEventId: after })}\n\n`,
            );
          },
        });
        if (ended) following.stop();
      } catch (error) {
        (req as Request & { log?: Logger }).log?.warn(
          { err: error },
          'live tail: the outbox could not be read',
        );
        write(
          `event: error\ndata: ${JSON.stringify({ reason: 'the live tail could not be read; reconnect with Last-Event-ID' })}\n\n`,
        );
        end();
      }
    },
    closeAll() {
      for (const end of [...open]) end();
    },
  };
}
