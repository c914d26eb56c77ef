/** Boots the explorer: the key gate until a key is accepted, then the explorer itself. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiKey, type SourceInfo } from './api';
import { App, sourcesForKeptKey } from './app';
import { KeyGate } from './key-gate';

function Root() {
  const [sources, setSources] = useState<readonly SourceInfo[] | undefined | 'checking'>(
    'checking',
  );
  useEffect(() => {
    void sourcesForKeptKey().then(setSources);
  }, []);
  if (sources === 'checking') return <p class="muted">Loading…</p>;
  if (sources === undefined) return <KeyGate onKey={setSources} />;
  return (
    <App
      sources={sources}
      onForget={() => {
        apiKey.clear();
        setSources(undefined);
      }}
    />
  );
}

render(<Root />, document.getElementById('app')!);
