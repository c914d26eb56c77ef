/** Asks for the API key once per tab; keeps it in sessionStorage only. */
import { useState } from 'preact/hooks';
import { ApiError, apiKey, getJson, type SourceInfo } from './api';
import { ProblemText } from './components';

export function KeyGate({ onKey }: { onKey: (sources: readonly SourceInfo[]) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const given = key.trim();
    if (given === '') return;
    setBusy(true);
    try {
      // The key is checked once, in a header, before it is kept.
      const { items } = await getJson<{ items: SourceInfo[] }>(
        '/v1/sources',
        undefined,
        undefined,
        given,
      );
      apiKey.set(given);
      setKey('');
      onKey(items);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError({ title: String(caught) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="key-gate">
      <h1>Job-log explorer</h1>
      <p>
        Job logs from every source behind this gateway, in one list. Enter an API key of the gateway
        (one of <code>auth.apiKeys</code>; the demo prints one when it starts).
      </p>
      <form onSubmit={(event) => void submit(event)}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          aria-describedby="api-key-help"
          required
        />
        <p id="api-key-help" class="muted">
          Kept in this tab's session storage until the tab closes. It is sent only in the
          Authorization header, never in a URL.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Open the explorer'}
        </button>
      </form>
      {error !== undefined ? (
        <p role="alert" class="banner banner-error">
          <ProblemText problem={error.problem} />
        </p>
      ) : null}
    </main>
  );
}
