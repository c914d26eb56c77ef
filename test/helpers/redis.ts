import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A redis-server of the tests' own, on loopback, without persistence. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s). Safe to call twice. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'redis-server is not installed. The rate-limit tests run a real Redis: install it with `apt-get install redis-server` (Debian/Ubuntu; .ci/run does this).';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => child.once('exit', () => done()));
}

/**
 * Starts `redis-server --port <free> --save '' --appendonly no` bound to 127.0.0.1 and waits until
 * it accepts connections. Fails (never skips) when redis-server is missing, saying how to install it.
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    const done = (error?: Error): void => {
      clearTimeout(timer);
      child.stdout?.off('data', ready);
      if (error === undefined) resolve();
      else reject(error);
    };
    const ready = (): void => {
      if (output.includes('Ready to accept connections')) done();
    };
    child.stdout?.on('data', ready);
    child.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ENOENT' ? new Error(INSTALL_HINT) : error),
    );
    child.once('exit', (code) => done(new Error(`redis-server exited ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  let stopping: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop() {
      stopping ??= (async () => {
        const gone = exited(child);
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await gone;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
