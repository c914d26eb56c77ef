/**
 * Live tail for the list: new records go to the top when the person is at the top of the page,
 * otherwise they are counted into an "N new" button. Without a live tail on the gateway (no
 * watcher), the first page is re-read on an interval instead.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type Listing, type UnifiedJobLog } from './api';
import { startLiveTail, type LiveState } from './live';

/** How often the first page is re-read when the gateway has no live tail. */
export const POLL_MS = 30_000;
/** Scrolled less than this from the top counts as "at the top". */
const TOP_PX = 120;

export type LiveMode =
  | LiveState
  | { readonly kind: 'off' }
  | { readonly kind: 'polling' }
  /** The tab is hidden: the tail resumes, with what it missed, when it shows again. */
  | { readonly kind: 'paused' };

export function useLive(
  enabled: boolean,
  params: URLSearchParams,
  prepend: (records: readonly UnifiedJobLog[]) => void,
  isListed: (id: string) => boolean,
) {
  const [mode, setMode] = useState<LiveMode>({ kind: 'off' });
  const [pending, setPending] = useState<readonly UnifiedJobLog[]>([]);
  const prependRef = useRef(prepend);
  prependRef.current = prepend;
  const listedRef = useRef(isListed);
  listedRef.current = isListed;
  const key = params.toString();
  // The tail pauses while the tab is hidden and resumes after the last event it read.
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  const lastEventId = useRef<string | undefined>(undefined);
  useEffect(() => {
    const onChange = (): void => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => {
    lastEventId.current = undefined;
    setPending([]);
  }, [key, enabled]);

  const arrive = (records: readonly UnifiedJobLog[]): void => {
    const fresh = records.filter(({ id }) => !listedRef.current(id));
    if (fresh.length === 0) return;
    if (window.scrollY <= TOP_PX) prependRef.current(fresh);
    else
      setPending((before) => {
        const seen = new Set(before.map(({ id }) => id));
        return [...fresh.filter(({ id }) => !seen.has(id)), ...before];
      });
  };

  useEffect(() => {
    if (!enabled) {
      setMode({ kind: 'off' });
      return undefined;
    }
    if (!visible) {
      setMode({ kind: 'paused' });
      return undefined;
    }
    let poll: ReturnType<typeof setInterval> | undefined;
    const stop = startLiveTail(
      params,
      {
        onRecord: (record) => arrive([record]),
        onEventId: (id) => {
          lastEventId.current = id;
        },
        onReset: () => undefined,
        onState: (state) => {
          if (state.kind !== 'unavailable') {
            setMode(state);
            return;
          }
          setMode({ kind: 'polling' });
          poll = setInterval(() => {
            const query = new URLSearchParams(params);
            query.set('limit', '50');
            getJson<Listing>('/v1/job-logs', query)
              .then((page) => arrive(page.items))
              .catch(() => undefined);
          }, POLL_MS);
        },
      },
      lastEventId.current,
    );
    return () => {
      stop();
      if (poll !== undefined) clearInterval(poll);
    };
  }, [enabled, key, visible]);

  return {
    mode,
    pending,
    showPending: (): void => {
      prependRef.current(pending);
      setPending([]);
      window.scrollTo({ top: 0 });
    },
  };
}
