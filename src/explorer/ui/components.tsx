/** Small pieces the explorer's views share. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Problem, Status } from './api';
import { localTime, STATUS_LOOK, utcTime } from './format';

export function StatusBadge({ status, native }: { status: Status; native?: string | null }) {
  const look = STATUS_LOOK[status];
  return (
    <span class={`badge status-${status}`}>
      <span class="badge-icon" aria-hidden="true">
        {look.icon}
      </span>
      <span class="badge-label">{look.label}</span>
      {native !== undefined && native !== null && native !== '' ? (
        <span class="badge-native"> ({native})</span>
      ) : null}
    </span>
  );
}

/** A time in local wall time, UTC on hover (and in `datetime` for machines). */
export function Time({ iso }: { iso: string | null }) {
  if (iso === null) return <span class="muted">no time</span>;
  return (
    <time dateTime={iso} title={`UTC: ${utcTime(iso)}`}>
      {localTime(iso)}
    </time>
  );
}

/** A problem, as a person reads it: its title and detail. */
export function ProblemText({ problem }: { problem: Problem }) {
  return (
    <>
      <strong>{problem.title}</strong>
      {problem.detail !== undefined ? <span> {problem.detail}</span> : null}
      {problem.code !== undefined ? <span class="muted"> ({problem.code})</span> : null}
    </>
  );
}

/** Copies text to the clipboard, saying so. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('copied');
    } catch {
      setDone('failed');
    }
    setTimeout(() => setDone('idle'), 2000);
  };
  return (
    <button type="button" class="secondary" onClick={() => void copy()}>
      {done === 'copied' ? 'Copied' : done === 'failed' ? 'Copy failed' : label}
    </button>
  );
}

export function VisuallyHidden({ children }: { children: ComponentChildren }) {
  return <span class="visually-hidden">{children}</span>;
}
