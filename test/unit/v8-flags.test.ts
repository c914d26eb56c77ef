/**
 * The gateway's V8 settings (src/v8-flags.ts) are applied when the module loads, and main.ts
 * loads it before anything else, so that no allocation site is judged under V8's defaults first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v8 from 'node:v8';

describe('v8-flags', () => {
  it('turns allocation-site pretenuring off when loaded', () => {
    const set = jest.fn<void, [string]>();
    jest.isolateModules(() => {
      jest.doMock('node:v8', () => ({ ...v8, setFlagsFromString: set }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../src/v8-flags');
    });
    expect(set.mock.calls).toEqual([['--no-allocation-site-pretenuring']]);
  });

  it('is the first module main.ts imports', () => {
    const main = readFileSync(join(__dirname, '..', '..', 'src', 'main.ts'), 'utf8');
    const imports = main.split('\n').filter((line) => line.startsWith('import '));
    expect(imports[0]).toBe("import './v8-flags';");
  });
});
