// Lints code snippets as if they lived at given paths, with the project's own eslint.config.mjs.
// boundaries.test.ts runs it in a child process because jest's module sandbox cannot load an
// ES module config (ESLint import()s it). Typed linting is turned off on top of that config, as
// the snippets' paths are not on disk and the project service refuses such files; every other
// rule, the import boundaries included, stays exactly as configured.
//
// stdin: [{ "path": "src/facades/ips/x.ts", "code": "import ..." }, ...] (paths from the root)
// stdout: [{ "path": ..., "messages": [{ "ruleId", "severity", "message" }] }, ...]
import path from 'node:path';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '../../..');

/** Reads all of stdin as text. */
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** @type {{ path: string, code: string }[]} */
const snippets = JSON.parse(await readStdin());
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
const results = [];
for (const snippet of snippets) {
  const [result] = await eslint.lintText(snippet.code, {
    filePath: path.join(root, snippet.path),
    warnIgnored: true,
  });
  results.push({
    path: snippet.path,
    messages: (result?.messages ?? []).map(({ ruleId, severity, message }) => ({
      ruleId,
      severity,
      message,
    })),
  });
}
process.stdout.write(JSON.stringify(results));
