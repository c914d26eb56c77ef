/**
 * The gateway's logger writes stdout synchronously, the lines of one event-loop turn together:
 * a line is written when its turn ends (or at process exit), not queued behind the thread pool's
 * other work (DNS lookups, crypto), and not lost when the process dies after that turn.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { turnBufferedDestination } from '../../../src/server/logger';
import { moduleScript } from '../../helpers/child-module';

const LOGGER = join(__dirname, '..', '..', '..', 'src', 'server', 'logger.ts');

/** Runs `fn` with a file descriptor open on a fresh temporary file and a reader of the file. */
async function withTempFile(fn: (fd: number, read: () => string) => unknown): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'joblog-logger-'));
  const file = join(dir, 'out');
  const fd = openSync(file, 'w');
  try {
    await fn(fd, () => readFileSync(file, 'utf8'));
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `body` in a child process with the gateway's logger as `makeLogger` (and pino as `pino`),
 * its stdout a file, every thread-pool thread busy first (four pbkdf2 calls of some seconds
 * each). The child ends as `body` makes it (SIGKILL or exit). Returns what reached stdout.
 */
async function stdoutOfChild(body: string): Promise<string> {
  const script = `
    const crypto = require('node:crypto');
    ${moduleScript(LOGGER, 'loggerModule')}
    const { makeLogger } = loggerModule;
    const pino = require('node:module').createRequire(${JSON.stringify(LOGGER)})('pino');
    for (let i = 0; i < 4; i += 1) crypto.pbkdf2('p', 's', 2_000_000, 32, 'sha512', () => {});
    ${body}`;
  let out = '';
  await withTempFile((fd, read) => {
    try {
      execFileSync(process.execPath, ['-e', script], {
        stdio: ['ignore', fd, 'inherit'],
        env: { ...process.env, UV_THREADPOOL_SIZE: '4' },
      });
    } catch (error) {
      const { signal, status } = error as { signal?: string; status?: number };
      if (signal !== 'SIGKILL' && status !== 3) throw error;
    }
    out = read();
  });
  return out;
}

const linesOf = (out: string): Array<[number, string]> =>
  out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { n: number; msg: string })
    .map((line) => [line.n, line.msg]);

const THREE_LINES = `
  const logger = makeLogger('info');
  for (let i = 0; i < 3; i += 1) logger.info({ n: i, user: { password: 'hunter2' } }, 'line');`;
const KILL_NEXT_TURN = `setImmediate(() => process.kill(process.pid, 'SIGKILL'));`;

describe('makeLogger without a destination', () => {
  it('has every line on stdout once its turn ends, with the thread pool busy and the process killed', async () => {
    const out = await stdoutOfChild(`${THREE_LINES} ${KILL_NEXT_TURN}`);
    expect(linesOf(out)).toEqual([
      [0, 'line'],
      [1, 'line'],
      [2, 'line'],
    ]);
    expect(out).not.toContain('hunter2');
  });

  it('writes the lines of the turn in which the process exits', async () => {
    const out = await stdoutOfChild(`${THREE_LINES} process.exit(3);`);
    expect(linesOf(out)).toHaveLength(3);
  });

  it("loses what pino's default thread-pool writes had queued (the control)", async () => {
    const out = await stdoutOfChild(`
      const logger = pino({}, pino.destination({ dest: 1, sync: false }));
      for (let i = 0; i < 3; i += 1) logger.info({ n: i }, 'line');
      ${KILL_NEXT_TURN}`);
    expect(out).toBe('');
  });
});

describe('turnBufferedDestination', () => {
  it('writes the lines of one turn together when the turn ends', async () => {
    await withTempFile(async (fd, read) => {
      const destination = turnBufferedDestination(fd);
      destination.write('one\n');
      destination.write('two\n');
      expect(read()).toBe('');
      await nextTurn();
      expect(read()).toBe('one\ntwo\n');
    });
  });

  it('writes at once, mid-turn, when a turn has logged 8 KB', async () => {
    await withTempFile(async (fd, read) => {
      const destination = turnBufferedDestination(fd);
      const line = `${'x'.repeat(1023)}\n`;
      for (let i = 0; i < 9; i += 1) destination.write(line);
      expect(read()).toBe(line.repeat(8));
      await nextTurn();
      expect(read()).toBe(line.repeat(9));
    });
  });
});
