/** The detail panel of one record: unified fields, detail lines, and the native record. */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, type UnifiedJobLog } from './api';
import { CopyButton, ProblemText, StatusBadge, Time } from './components';
import { duration } from './format';

export function Detail({
  id,
  fallback,
  onClose,
}: {
  id: string;
  /** The record as the list has it, shown until the full read arrives (or if it fails). */
  fallback: UnifiedJobLog | undefined;
  onClose: () => void;
}) {
  const [record, setRecord] = useState<UnifiedJobLog | undefined>(fallback);
  const [error, setError] = useState<ApiError | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setRecord(fallback);
    setError(undefined);
    // GET /v1/job-logs/{id} reads it again, with what only a single read adds (BC's call stack).
    getJson<UnifiedJobLog>(`/v1/job-logs/${encodeURIComponent(id)}`, undefined, abort.signal)
      .then(setRecord)
      .catch((caught: unknown) => {
        if (!abort.signal.aborted)
          setError(caught instanceof ApiError ? caught : new ApiError({ title: String(caught) }));
      });
    heading.current?.focus();
    return () => abort.abort();
  }, [id]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const apiPath = `/v1/job-logs/${encodeURIComponent(id)}`;
  const raw = record === undefined ? '' : JSON.stringify(record.raw, null, 2);
  const times = record?.times;
  return (
    <aside class="detail" aria-labelledby="detail-title">
      <div class="section-head">
        <h2 id="detail-title" tabIndex={-1} ref={heading}>
          {record?.job.name ?? 'Job log'}
        </h2>
        <button
          type="button"
          class="secondary"
          onClick={onClose}
          aria-label="Close the detail panel"
        >
          Close
        </button>
      </div>
      {error !== undefined ? (
        <p role="alert" class="banner banner-error">
          <ProblemText problem={error.problem} />
        </p>
      ) : null}
      {record === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          <dl class="fields">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={record.status} native={record.nativeStatus} />
            </dd>
            <dt>Source</dt>
            <dd>
              {record.source.id} <span class="muted">({record.source.type})</span>
            </dd>
            <dt>Time</dt>
            <dd>
              <Time iso={record.time} />
            </dd>
            <dt>Message</dt>
            <dd class="message">{record.message ?? <span class="muted">none</span>}</dd>
            <dt>Job</dt>
            <dd>
              {record.job.name ?? <span class="muted">unnamed</span>}
              {record.job.id !== null ? <code class="muted"> {record.job.id}</code> : null}
            </dd>
            {record.user !== null ? (
              <>
                <dt>User</dt>
                <dd>{record.user}</dd>
              </>
            ) : null}
            {record.target !== null ? (
              <>
                <dt>Target</dt>
                <dd>
                  {record.target.type} {record.target.name ?? record.target.id ?? ''}
                </dd>
              </>
            ) : null}
            {times !== undefined
              ? (['queued', 'started', 'ended', 'logged'] as const).map((name) =>
                  times[name] !== null ? (
                    <Fragment key={name}>
                      <dt>{name[0]!.toUpperCase() + name.slice(1)}</dt>
                      <dd>
                        <Time iso={times[name]} />
                        {name === 'ended' && duration(times.started, times.ended) !== undefined ? (
                          <span class="muted"> (took {duration(times.started, times.ended)})</span>
                        ) : null}
                      </dd>
                    </Fragment>
                  ) : null,
                )
              : null}
            <dt>API</dt>
            <dd>
              <a href={apiPath}>{apiPath}</a>{' '}
              <span class="muted">(needs the key in an Authorization header)</span>
            </dd>
          </dl>
          <h3>Details ({record.details.length})</h3>
          {record.details.length === 0 ? (
            <p class="muted">No detail lines.</p>
          ) : (
            <ol class="details">
              {record.details.map((line, i) => (
                <li key={i}>
                  <span class="muted">
                    {line.type ?? 'detail'}
                    {line.time !== null ? ' · ' : ''}
                    {line.time !== null ? <Time iso={line.time} /> : null}
                  </span>
                  <pre>{line.message}</pre>
                </li>
              ))}
            </ol>
          )}
          <div class="section-head">
            <h3>Native record</h3>
            <CopyButton text={raw} label="Copy native record" />
          </div>
          <pre class="native" aria-label="Native record as JSON" tabIndex={0}>
            {raw}
          </pre>
        </>
      )}
    </aside>
  );
}
