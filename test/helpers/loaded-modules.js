/**
 * Preloaded with `node --require` by the CLI tests: when the process exits, writes the paths of
 * every module it loaded (require.cache) to the file named by LOADED_MODULES_FILE, so a test can
 * prove which code a command never loads.
 */
const { writeFileSync } = require('node:fs');

const target = process.env.LOADED_MODULES_FILE;
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify(Object.keys(require.cache)));
  });
}
