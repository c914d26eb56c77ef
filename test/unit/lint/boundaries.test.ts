/**
 * The import boundaries of eslint.config.mjs (CONVENTIONS.md, "Imports run one way"): each
 * snippet is linted with the project's real config as if it lived at the given path, and must
 * be reported under the named rule, or not at all when the import is allowed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const LINT_SNIPPETS = path.join(__dirname, 'lint-snippets.mjs');

/** The start of each rule's message, as a developer reads it. */
const RULE = {
  emulators: 'Only the demo command (src/demo/) and the tests import emulators/',
  mainStatic: 'main.ts loads the demo with a dynamic import() only',
  leaves: 'codec/, schemas/, errors/ and contract/ are leaves',
  soap: 'soap/ imports only the leaves',
  protocols: 'protocols/ imports only soap/, the leaves',
  edges: 'facades/ and api/ never import sources/: go through joblogs/',
  sourcesBelow: 'sources/ never imports joblogs/, api/, facades/, server/, cli/ or demo/',
  sourceToSource: 'No source imports another source',
  server: 'Nothing imports server/ except main.ts and the demo command',
  main: 'Nothing imports main.ts',
  demo: 'Only main.ts reaches demo/, by a dynamic import()',
} as const;
type Rule = keyof typeof RULE;

interface Case {
  /** Where the snippet lives, from the repository root. */
  readonly path: string;
  readonly code: string;
  /** The rule that must report it; null when the import is allowed. */
  readonly rule: Rule | null;
}

const imports = (source: string) => `import { x } from '${source}';\nexport const y = x;\n`;
const reported = (file: string, source: string, rule: Rule): Case => ({
  path: file,
  code: imports(source),
  rule,
});
const allowed = (file: string, source: string): Case => ({
  path: file,
  code: imports(source),
  rule: null,
});

const SRC_FOLDERS = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const SOURCE_ADAPTERS = readdirSync(path.join(ROOT, 'src/sources'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const LEAVES = ['codec', 'schemas', 'errors', 'contract'];

const CASES: Readonly<Record<string, readonly Case[]>> = {
  'only main.ts reaches demo/': [
    reported('src/joblogs/core.ts', '../demo/start', 'demo'),
    reported('src/server/x.ts', '../demo/command', 'demo'),
    reported('src/facades/ips/x.ts', '../../demo', 'demo'),
    reported('src/emulators/scene7/x.ts', '../../demo/start', 'demo'),
    allowed('src/demo/command.ts', './start'),
  ],
  'only demo/ and emulators/ import emulators/': [
    reported('src/joblogs/service.ts', '../emulators/scene7', 'emulators'),
    reported('src/facades/ips/x.ts', '../../emulators/scene7/seed', 'emulators'),
    reported('src/server/middleware/x.ts', '../../emulators', 'emulators'),
    reported('src/sources/scene7/x.ts', '../../emulators/scene7', 'emulators'),
    reported('src/sources/x.ts', '../emulators/losant/index', 'emulators'),
    reported('src/cli/x.ts', '../../src/emulators/scene7', 'emulators'),
    reported('src/explorer/x.ts', '../emulators', 'emulators'),
    reported('src/x.ts', './emulators/scene7', 'emulators'),
    allowed('src/demo/index.ts', '../emulators/scene7'),
    allowed('src/demo/deep/x.ts', '../../emulators/business-central'),
    allowed('src/emulators/scene7/x.ts', '../shared/emulator'),
    allowed('src/emulators/x.ts', './losant'),
    allowed('test/integration/x.test.ts', '../../src/emulators/scene7'),
  ],
  'main.ts imports demo/ and emulators/ only with a dynamic import()': [
    reported('src/main.ts', './demo', 'mainStatic'),
    reported('src/main.ts', './demo/run', 'mainStatic'),
    reported('src/main.ts', './emulators/scene7', 'mainStatic'),
    { path: 'src/main.ts', code: "export * from './emulators';\n", rule: 'mainStatic' },
    {
      path: 'src/main.ts',
      code: "import type { Demo } from './demo';\nexport type D = Demo;\n",
      rule: 'mainStatic',
    },
    allowed('src/main.ts', './server/gateway'),
    allowed('src/main.ts', './config/load'),
    {
      path: 'src/main.ts',
      code: "export async function demo(): Promise<unknown> {\n  return import('./demo');\n}\n",
      rule: null,
    },
  ],
  'codec/, schemas/, errors/ and contract/ import only each other': [
    reported('src/codec/x.ts', '../sources/http', 'leaves'),
    reported('src/errors/x.ts', '../protocols/ips/faults', 'leaves'),
    reported('src/contract/x.ts', '../joblogs/query', 'leaves'),
    reported('src/schemas/x.ts', '../config/load', 'leaves'),
    reported('src/codec/deep/x.ts', '../../request/context', 'leaves'),
    reported('src/errors/x.ts', '../main', 'leaves'),
    reported('src/contract/x.ts', '../../src/soap/envelope', 'leaves'),
    // Every other folder of src/, so that a new folder is not silently allowed.
    ...SRC_FOLDERS.filter((folder) => !LEAVES.includes(folder)).map((folder) =>
      reported('src/contract/x.ts', `../${folder}`, 'leaves'),
    ),
    allowed('src/codec/x.ts', '../schemas/registry'),
    allowed('src/codec/x.ts', '../errors/codes'),
    allowed('src/errors/x.ts', '../contract'),
    allowed('src/codec/x.ts', './plan'),
    allowed('src/schemas/x.ts', './types/scene7-ips'),
    allowed('src/codec/deep/x.ts', '../errors'),
    allowed('src/codec/x.ts', 'saxes'),
    allowed('src/contract/x.ts', 'soap'),
    allowed('src/codec/x.ts', '../../package.json'),
  ],
  'soap/ imports only the leaves': [
    reported('src/soap/x.ts', '../protocols/ips', 'soap'),
    reported('src/soap/x.ts', '../config/load', 'soap'),
    reported('src/soap/deep/x.ts', '../../sources', 'soap'),
    allowed('src/soap/x.ts', '../errors/gateway-error'),
    allowed('src/soap/x.ts', '../codec'),
    allowed('src/soap/x.ts', './envelope'),
  ],
  'protocols/ imports only soap/ and the leaves': [
    reported('src/protocols/ips/x.ts', '../../sources/scene7', 'protocols'),
    reported('src/protocols/ips/x.ts', '../../request/context', 'protocols'),
    reported('src/protocols/x.ts', '../joblogs', 'protocols'),
    allowed('src/protocols/ips/x.ts', '../../soap/envelope'),
    allowed('src/protocols/ips/x.ts', '../../codec'),
    allowed('src/protocols/ips/x.ts', '../../schemas/types/scene7-ips'),
    allowed('src/protocols/ips/x.ts', './namespaces'),
  ],
  'facades/ and api/ never import sources/': [
    reported('src/facades/ips/x.ts', '../../sources/http', 'edges'),
    reported('src/facades/ips/x.ts', '../../sources', 'edges'),
    reported('src/facades/x.ts', '../sources/scene7/client', 'edges'),
    reported('src/api/x.ts', '../sources', 'edges'),
    reported('src/api/v1/deep/x.ts', '../../../sources/losant', 'edges'),
    reported('src/facades/a/b/c/d/e/x.ts', '../../../../../../sources/http', 'edges'),
    {
      path: 'src/facades/ips/x.ts',
      code: "export { createScene7Source } from '../../sources/scene7';\n",
      rule: 'edges',
    },
    allowed('src/facades/ips/x.ts', '../../joblogs/service'),
    allowed('src/facades/ips/x.ts', '../../contract'),
    allowed('src/facades/ips/x.ts', '../../protocols/ips/codecs'),
    allowed('src/api/x.ts', '../joblogs/query'),
    allowed('src/facades/ips/x.ts', './sources'),
  ],
  'sources/ never imports the layers above it': [
    reported('src/sources/x.ts', '../joblogs/service', 'sourcesBelow'),
    reported('src/sources/scene7/x.ts', '../../api/routes', 'sourcesBelow'),
    reported('src/sources/scene7/x.ts', '../../facades/ips/faults', 'sourcesBelow'),
    reported('src/sources/losant/x.ts', '../../cli/validate', 'sourcesBelow'),
    reported('src/sources/losant/x.ts', '../../demo', 'sourcesBelow'),
    reported('src/sources/business-central/x.ts', '../../server/app', 'sourcesBelow'),
    allowed('src/sources/losant/x.ts', '../records'),
    allowed('src/sources/losant/x.ts', '../http'),
    allowed('src/sources/losant/x.ts', '..'),
    allowed('src/sources/losant/x.ts', './errors'),
    allowed('src/sources/scene7/x.ts', '../../protocols/ips'),
    allowed('src/sources/scene7/x.ts', '../../contract'),
    allowed('src/sources/x.ts', './losant'),
  ],
  'no source imports another source': [
    reported('src/sources/scene7/x.ts', '../losant/client', 'sourceToSource'),
    reported('src/sources/scene7/x.ts', '../business-central', 'sourceToSource'),
    reported('src/sources/scene7/x.ts', '../../sources/losant', 'sourceToSource'),
    reported('src/sources/business-central/deep/x.ts', '../../scene7/decode', 'sourceToSource'),
    // Every pair of adapters on disk, so that a new adapter is covered too.
    ...SOURCE_ADAPTERS.flatMap((from) =>
      SOURCE_ADAPTERS.filter((to) => to !== from).map((to) =>
        reported(`src/sources/${from}/x.ts`, `../${to}`, 'sourceToSource'),
      ),
    ),
    allowed('src/sources/scene7/x.ts', './decode'),
    allowed('src/sources/scene7/x.ts', '../scene7/decode'),
  ],
  'nothing imports server/ but main.ts and demo/': [
    reported('src/api/x.ts', '../server/metrics', 'server'),
    reported('src/joblogs/x.ts', '../server/app', 'server'),
    reported('src/emulators/scene7/x.ts', '../../server/app', 'server'),
    reported('src/cli/x.ts', '../server', 'server'),
    allowed('src/demo/x.ts', '../server/gateway'),
    allowed('src/server/middleware/x.ts', '../app'),
    allowed('src/emulators/scene7/x.ts', './server'),
  ],
  'nothing imports main.ts': [
    reported('src/cli/x.ts', '../main', 'main'),
    reported('src/server/x.ts', '../main', 'main'),
    reported('src/demo/x.ts', '../main', 'main'),
    reported('src/sources/losant/x.ts', '../../main', 'main'),
  ],
};

interface LintMessage {
  readonly ruleId: string | null;
  readonly severity: number;
  readonly message: string;
}

const ALL_CASES = Object.values(CASES).flat();
let lintResults: readonly (readonly LintMessage[])[] = [];

beforeAll(() => {
  const output = execFileSync(process.execPath, [LINT_SNIPPETS], {
    cwd: ROOT,
    input: JSON.stringify(ALL_CASES.map(({ path: file, code }) => ({ path: file, code }))),
    encoding: 'utf8',
  });
  lintResults = (JSON.parse(output) as { messages: LintMessage[] }[]).map((r) => r.messages);
}, 30_000);

/** The messages of the import-boundary rule, and anything that kept the file from linting. */
function boundaryMessages(index: number): readonly LintMessage[] {
  return (lintResults[index] ?? []).filter(
    ({ ruleId }) => ruleId === null || /(?:^|\/)no-restricted-imports$/.test(ruleId),
  );
}

describe.each(Object.entries(CASES))('%s', (_title, cases) => {
  const at = (c: Case) => ALL_CASES.indexOf(c);
  const named = cases.map((c) => [c.path, c.code.split('\n')[0] ?? '', c] as const);

  it.each(named.filter(([, , c]) => c.rule !== null))(
    '%s with `%s` / is reported once, naming the rule',
    (_file, _line, c) => {
      const messages = boundaryMessages(at(c));
      expect(messages).toEqual([
        expect.objectContaining({
          severity: 2,
          message: expect.stringContaining(RULE[c.rule as Rule]) as string,
        }),
      ]);
    },
  );

  const fine = named.filter(([, , c]) => c.rule === null);
  if (fine.length > 0) {
    it.each(fine)('%s with `%s` / is allowed', (_file, _line, c) => {
      expect(boundaryMessages(at(c))).toEqual([]);
    });
  }
});
