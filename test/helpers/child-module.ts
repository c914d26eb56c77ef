import { readFileSync } from 'node:fs';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

/**
 * JavaScript for a plain `node -e` child process that binds `name` to the exports of one of the
 * gateway's TypeScript modules (`file`, an absolute path), transpiled here so that no build is
 * needed; the module's own imports resolve from its place in the tree. For tests that must watch
 * a module from outside the test runner: its garbage collections, or its process being killed.
 */
export function moduleScript(file: string, name: string): string {
  const { outputText } = transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ModuleKind.CommonJS,
      target: ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  return `
    const ${name} = (() => {
      const module = { exports: {} };
      const load = require('node:module').createRequire(${JSON.stringify(file)});
      new Function('require', 'module', 'exports', ${JSON.stringify(outputText)})(load, module, module.exports);
      return module.exports;
    })();`;
}
