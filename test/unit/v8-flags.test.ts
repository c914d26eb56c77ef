/**
 * The gateway's V8 settings (src/v8-flags.ts) are applied when the module loads, and main.ts
 * loads it before anything else, so that no allocation site is judged under V8's defaults first.
 * A flag the operator gave on node's command line is left as given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v8 from 'node:v8';

function flagsSetWith(execArgv: string[]): string[] {
  const set = jest.fn<void, [string]>();
  const saved = process.execArgv;
  process.execArgv = execArgv;
  try {
    jest.isolateModules(() => {
      jest.doMock('node:v8', () => ({ ...v8, setFlagsFromString: set }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../src/v8-flags');
    });
  } finally {
    process.execArgv = saved;
  }
  return set.mock.calls.map(([flag]) => flag);
}

describe('v8-flags', () => {
  it('turns allocation-site pretenuring off and lets the old generation grow 4x when loaded', () => {
    expect(flagsSetWith([])).toEqual([
      '--no-allocation-site-pretenuring',
      '--heap-growing-percent=300',
    ]);
  });

  it("leaves a flag given on node's command line as it is, in either spelling", () => {
    expect(flagsSetWith(['--heap_growing_percent=100', '--max-old-space-size=512'])).toEqual([
      '--no-allocation-site-pretenuring',
    ]);
    expect(flagsSetWith(['--allocation-site-pretenuring'])).toEqual(['--heap-growing-percent=300']);
  });

  it('is the first module main.ts imports', () => {
    const main = readFileSync(join(__dirname, '..', '..', 'src', 'main.ts'), 'utf8');
    const imports = main.split('\n').filter((line) => line.startsWith('import '));
    expect(imports[0]).toBe("import './v8-flags';");
  });
});
