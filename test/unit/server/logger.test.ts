/**
 * The gateway's logger writes each line to stdout before the logging call returns: a line is not
 * queued behind the thread pool's other work (DNS lookups, crypto) and is not lost when the
 * process dies right after.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

const LOGGER = join(__dirname, '..', '..', '..', 'src', 'server', 'logger.ts');

/**
 * Runs `body` in a child process with the gateway's logger as `makeLogger` and stdout going to a
 * file, every thread-pool thread busy first (four pbkdf2 calls of some seconds each), and the
 * child killed with SIGKILL as soon as `body` returns: no exit handler and no thread-pool write
 * can run after it. Returns what reached stdout.
 */
function stdoutOfKilledChild(body: string): string {
  const { outputText } = transpileModule(readFileSync(LOGGER, 'utf8'), {
    compilerOptions: {
      module: ModuleKind.CommonJS,
      target: ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const script = `
    const crypto = require('node:crypto');
    const require_ = require('node:module').createRequire(${JSON.stringify(LOGGER)});
    const module_ = { exports: {} };
    new Function('require', 'module', 'exports', ${JSON.stringify(outputText)})(require_, module_, module_.exports);
    const { makeLogger } = module_.exports;
    for (let i = 0; i < 4; i += 1) crypto.pbkdf2('p', 's', 2_000_000, 32, 'sha512', () => {});
    ${body}
    process.kill(process.pid, 'SIGKILL');`;
  const dir = mkdtempSync(join(tmpdir(), 'joblog-logger-'));
  const file = join(dir, 'stdout');
  const fd = openSync(file, 'w');
  try {
    try {
      execFileSync(process.execPath, ['-e', script], {
        stdio: ['ignore', fd, 'inherit'],
        env: { ...process.env, UV_THREADPOOL_SIZE: '4' },
      });
    } catch (error) {
      if ((error as { signal?: string }).signal !== 'SIGKILL') throw error;
    }
    return readFileSync(file, 'utf8');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('makeLogger without a destination', () => {
  it('has every line on stdout when the call returns, with the thread pool busy and the process killed', () => {
    const out = stdoutOfKilledChild(`
      const logger = makeLogger('info');
      for (let i = 0; i < 3; i += 1) logger.info({ n: i, user: { password: 'hunter2' } }, 'line');`);
    const lines = out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { n: number; msg: string });
    expect(lines.map((line) => [line.n, line.msg])).toEqual([
      [0, 'line'],
      [1, 'line'],
      [2, 'line'],
    ]);
    expect(out).not.toContain('hunter2');
  });

  it('loses what pino would have written through the thread pool (the control)', () => {
    const out = stdoutOfKilledChild(`
      const pino = require_('pino');
      const logger = pino({}, pino.destination({ dest: 1, sync: false }));
      for (let i = 0; i < 3; i += 1) logger.info({ n: i }, 'line');`);
    expect(out).toBe('');
  });
});
