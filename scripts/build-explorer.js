// Bundles the browser explorer (src/explorer/ui) into dist/explorer-ui: one ES module, one CSS
// file and the page. Everything the page loads is served by the gateway itself (no CDN), and
// the bundle has no inline script or style, so the page's CSP can stay strict.
// Usage: node scripts/build-explorer.js [--watch]
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'src/explorer/ui');
const out = path.join(root, 'dist/explorer-ui');

/** @type {import('esbuild').BuildOptions} */
const options = {
  // explorer.tsx -> explorer.js, explorer.css -> explorer.css (the names index.html links).
  entryPoints: [path.join(source, 'explorer.tsx'), path.join(source, 'explorer.css')],
  outdir: out,
  entryNames: '[name]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome111', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: path.join(source, 'tsconfig.json'),
  logLevel: 'warning',
};

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(path.join(source, 'index.html'), path.join(out, 'index.html'));
  if (process.argv.includes('--watch')) {
    const context = await esbuild.context(options);
    await context.watch();
    return;
  }
  await esbuild.build(options);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
