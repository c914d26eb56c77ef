// Regression: `.ci/run` failed with status 141 about one run in five, right after printing the
// tools' versions. It runs under `set -o pipefail`, and `xmllint --version 2>&1 | head -1` let
// head exit after the first line while xmllint was still writing: xmllint died of SIGPIPE, and
// pipefail failed the whole run. The version lines now use `sed -n 1p`, which reads to the end.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCRIPTS = [
  '.ci/run',
  ...readdirSync(join(ROOT, 'scripts'))
    .filter((name) => name.endsWith('.sh'))
    .map((name) => `scripts/${name}`),
];

describe('shell scripts under pipefail', () => {
  it.each(SCRIPTS)('%s pipes into no early-exiting reader (head)', (script) => {
    const text = readFileSync(join(ROOT, script), 'utf8');
    if (!/set -[a-z]*o pipefail|set -o pipefail/.test(text)) return;
    const lines = text.split('\n').filter((line) => !line.trimStart().startsWith('#'));
    expect(lines.filter((line) => /\|\s*head\b/.test(line))).toEqual([]);
  });

  it('a long writer piped into head fails under pipefail, into sed -n 1p never', () => {
    // The mechanism itself, with a finite writer far longer than a pipe's buffer (about 7 MB).
    const run = (reader: string): number | null =>
      spawnSync('bash', ['-c', `set -o pipefail; seq 1 1000000 | ${reader} > /dev/null`], {
        timeout: 20_000,
      }).status;
    expect(run('head -1')).toBe(141);
    expect(run('sed -n 1p')).toBe(0);
  });
});
