/**
 * A real browser for the explorer's tests: Debian's chromium driven by playwright-core (its own
 * browser download does not work here). scripts/ensure-tools.sh installs chromium; without it
 * the tests fail naming the command, never skip.
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const NAMES = ['chromium', 'chromium-browser'];

/** CHROMIUM_PATH, else the first `chromium` (or `chromium-browser`) on PATH. */
export function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given !== undefined && given !== '') return given;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  throw new Error(
    'The browser tests need chromium: run `bash scripts/ensure-tools.sh` (as root), or `apt-get install -y chromium`, or set CHROMIUM_PATH.',
  );
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Root (CI containers) cannot use chromium's sandbox.
    chromiumSandbox: process.getuid?.() !== 0,
    args: ['--disable-dev-shm-usage'],
  });
}

const ROOT = resolve(__dirname, '..', '..');

/** Where the browser tests save their screenshots (kept as test artifacts, not in git). */
export function artifactPath(name: string): string {
  const dir = join(ROOT, 'test-artifacts', 'explorer');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Fails early, naming the command, when the explorer bundle has not been built. */
export function assertExplorerBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'explorer-ui', 'explorer.js')))
    throw new Error('The explorer is not built: run `npm run build` before these tests.');
}
