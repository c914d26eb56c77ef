// @ts-check
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layering (CONVENTIONS.md, "Imports run one way"): main -> server -> api / facades -> joblogs
 * -> sources/* -> the leaves. A relative import names its target only relative to the importing
 * file, so the patterns below are generated per folder and per depth: from src/facades/ips/x.ts
 * (two folders below src/) the sources folder is '../../sources', never a `sources` met deeper.
 * One block per folder and depth holds all of that folder's patterns, because a later block
 * that sets the same rule replaces (does not merge) an earlier one.
 */

const LEAVES = ['codec', 'schemas', 'errors', 'contract'];
const LEAF_FOLDERS = 'codec/, schemas/, errors/ and contract/';
/** Every folder of src/sources/ is a source adapter; shared code lives in files directly there. */
const SOURCE_ADAPTERS = readdirSync(path.join(import.meta.dirname, 'src/sources'), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
/** Deepest file checked: src/ + 6 folders (src/a/b/c/d/e/f/x.ts). */
const MAX_DEPTH = 6;

/** @param {string} text */
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The module name's end: `demo`, `demo.js`, `demo/...` all name src/demo(.ts|/). */
const NAME_END = '(?:\\.[cm]?[jt]s)?(?:/|$)';

/**
 * The start of a relative import that climbs `ups` folders: `./` alone when 0; otherwise
 * `../` that many times (an optional leading `./` allowed).
 * @param {number} ups
 */
const climb = (ups) => (ups === 0 ? '\\./' : `(?:\\./)?(?:\\.\\./){${ups}}`);

/**
 * The start of a relative import from a file `depth` folders below src/ that reaches src/:
 * climbing there, or climbing one more and coming back in through `../src/`.
 * @param {number} depth
 */
const toSrc = (depth) => `(?:${climb(depth)}|${climb(depth + 1)}src/)`;

/**
 * A regex matching relative imports, from a file `depth` folders below src/ inside `zone`,
 * into any of `targets` (paths below src/, e.g. 'server', 'sources/losant'). Each target is
 * reached by climbing to src/ (or out of src/ and back in through '../src/'), or to the
 * folder it shares with the zone (src/sources for 'sources/losant' from 'sources/scene7').
 * @param {string} zone
 * @param {number} depth
 * @param {readonly string[]} targets
 */
function importsInto(zone, depth, targets) {
  const zoneParts = zone.split('/');
  const routes = [`${toSrc(depth)}(?:${targets.map(escapeRegex).join('|')})`];
  for (const target of targets) {
    const parts = target.split('/');
    for (
      let shared = 1;
      shared < parts.length && zoneParts[shared - 1] === parts[shared - 1];
      shared++
    ) {
      routes.push(climb(depth - shared) + escapeRegex(parts.slice(shared).join('/')));
    }
  }
  return `^(?:${routes.join('|')})${NAME_END}`;
}

/**
 * A regex matching relative imports, from a file `depth` folders below src/, into anything
 * directly below src/ other than `allowed`.
 * @param {number} depth
 * @param {readonly string[]} allowed
 */
function importsOutside(depth, allowed) {
  const names = allowed.map(escapeRegex).join('|');
  return `^${toSrc(depth)}(?!(?:${names})${NAME_END})[^./]`;
}

/**
 * A zone is a folder below src/ ('' for the files directly in src/, 'main.ts' for main.ts).
 * `deny` lists folders it must not import, `allow` the only folders it may import.
 * @typedef {{ targets: readonly string[], message: string }} Deny
 * @typedef {{ only: readonly string[], message: string }} Allow
 * @typedef {{ zone: string, deny?: readonly Deny[], allow?: Allow }} Boundary
 */

/** @type {Deny} */
const NO_EMULATORS = {
  targets: ['emulators'],
  message:
    'Only the demo command (src/demo/) and the tests import emulators/: `serve` must never load them (nor node-soap).',
};
/** @type {Deny} */
const NO_SERVER = {
  targets: ['server'],
  message: 'Nothing imports server/ except main.ts and the demo command (src/demo/).',
};
/** @type {Deny} */
const NO_DEMO = {
  targets: ['demo'],
  message:
    'Only main.ts reaches demo/, by a dynamic import() in the demo and emulate commands: the demo loads the emulators.',
};
/** @type {Deny} */
const NO_MAIN = {
  targets: ['main'],
  message: 'Nothing imports main.ts: it is the entry point, at the top of the layering.',
};
/** @type {Deny} */
const EDGES_NO_SOURCES = {
  targets: ['sources'],
  message:
    'facades/ and api/ never import sources/: go through joblogs/ (the query service) and contract/.',
};
/** @type {Deny} */
const SOURCES_BELOW = {
  targets: ['joblogs', 'api', 'facades', 'server', 'cli', 'demo'],
  message:
    'sources/ never imports joblogs/, api/, facades/, server/, cli/ or demo/: those sit above it; pass what a source needs down through contract/.',
};
const COMMON = [NO_EMULATORS, NO_DEMO, NO_SERVER, NO_MAIN];

/** @type {readonly Boundary[]} Later zones override earlier ones for the files they cover. */
const BOUNDARIES = [
  { zone: '', deny: COMMON }, // files directly in src/ (main.ts has its own zone below)
  { zone: '*', deny: COMMON }, // joblogs/, cli/, config/, request/ and any new folder
  ...LEAVES.map((zone) => ({
    zone,
    allow: {
      only: LEAVES,
      message: `${LEAF_FOLDERS} are leaves: they import only each other and npm packages.`,
    },
  })),
  {
    zone: 'soap',
    allow: {
      only: [...LEAVES, 'soap'],
      message: `soap/ imports only the leaves (${LEAF_FOLDERS}) and npm packages.`,
    },
  },
  {
    zone: 'protocols',
    allow: {
      only: [...LEAVES, 'soap', 'protocols'],
      message: `protocols/ imports only soap/, the leaves (${LEAF_FOLDERS}) and npm packages.`,
    },
  },
  { zone: 'facades', deny: [EDGES_NO_SOURCES, ...COMMON] },
  { zone: 'api', deny: [EDGES_NO_SOURCES, ...COMMON] },
  { zone: 'sources', deny: [SOURCES_BELOW, NO_EMULATORS, NO_MAIN] },
  ...SOURCE_ADAPTERS.map((name) => ({
    zone: `sources/${name}`,
    deny: [
      SOURCES_BELOW,
      {
        targets: SOURCE_ADAPTERS.filter((other) => other !== name).map(
          (other) => `sources/${other}`,
        ),
        message: `No source imports another source (sources/${name}/ is one): share code through a file directly in src/sources/ or a leaf.`,
      },
      NO_EMULATORS,
      NO_MAIN,
    ],
  })),
  {
    zone: 'watch',
    deny: [
      {
        targets: ['sources', 'api', 'facades', 'cli'],
        message:
          'watch/ reads job logs through joblogs/ (the query service) and contract/; the API and the server use it, never the other way round.',
      },
      ...COMMON,
    ],
  },
  { zone: 'server', deny: [NO_EMULATORS, NO_DEMO, NO_MAIN] },
  { zone: 'emulators', deny: [NO_DEMO, NO_SERVER, NO_MAIN] },
  { zone: 'demo', deny: [NO_MAIN] },
  {
    zone: 'main.ts',
    deny: [
      {
        targets: ['demo', 'emulators'],
        message:
          'main.ts loads the demo with a dynamic import() only: a static import of demo/ or emulators/ would load the emulators (and node-soap) for `serve` too.',
      },
    ],
  },
];

/**
 * The no-restricted-imports blocks of one zone: one per depth below src/.
 * @param {Boundary} boundary
 */
function boundaryBlocks({ zone, deny = [], allow }) {
  const base = zone === '' || zone === 'main.ts' ? 0 : zone.split('/').length;
  const last = base === 0 ? 0 : MAX_DEPTH;
  /** @type {import('eslint').Linter.Config[]} */
  const blocks = [];
  for (let depth = base; depth <= last; depth++) {
    const files =
      zone === 'main.ts'
        ? 'src/main.ts'
        : `src/${zone === '' ? '' : `${zone}/`}${'*/'.repeat(depth - base)}*.ts`;
    const patterns = deny.map(({ targets, message }) => ({
      regex: importsInto(zone, depth, targets),
      message,
    }));
    if (allow !== undefined) {
      patterns.push({ regex: importsOutside(depth, allow.only), message: allow.message });
    }
    blocks.push({
      name: `boundaries/${zone === '' ? 'src' : zone}/depth-${depth}`,
      files: [files],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
    });
  }
  return blocks;
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'bench/results/**',
      '.tools/**',
      '.joblog-gateway/**',
      'src/schemas/types/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'error',
      complexity: ['error', 20],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  ...BOUNDARIES.flatMap(boundaryBlocks),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
      'max-lines': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
