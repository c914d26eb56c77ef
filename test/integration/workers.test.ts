/**
 * `joblog-gateway serve --workers 2`, the built CLI as a real process: the cluster primary forks
 * two workers on one port, connections are served by both (each access-log line carries its
 * process id), a worker that dies is replaced, and SIGTERM drains every worker and exits 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../helpers/redis';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');

jest.setTimeout(30_000);

interface LogLine {
  readonly pid: number;
  readonly msg?: string;
  readonly reqId?: string;
}

let work: string;
let port: number;
let child: ChildProcessWithoutNullStreams;
let exited: Promise<number | null>;
let out = '';

const lines = (): LogLine[] =>
  out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

async function until(what: string, test: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen:\n${out}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** GET on a new connection each time (no keep-alive), so the primary hands each out anew. */
function get(path: string, requestId: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent: false, headers: { 'x-request-id': requestId } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'joblog-workers-'));
  port = await freePort();
  const config = join(work, 'gateway.json');
  writeFileSync(
    config,
    JSON.stringify({
      server: { host: '127.0.0.1', port, logLevel: 'info' },
      auth: { apiKeys: [{ id: 'tests', key: 'test-api-key-0123456789' }], soapUsers: [] },
      sources: [
        {
          id: 'losant-unreached',
          type: 'losant',
          baseUrl: 'http://127.0.0.1:9',
          applicationId: '575ec8687ae143cd83dc4a97',
          token: 'never-used-token',
        },
      ],
    }),
  );
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(GATEWAY_|DEMO_|PORT$)/.test(key)),
  );
  child = spawn(process.execPath, [MAIN, 'serve', '--workers', '2'], {
    cwd: ROOT,
    env: { ...clean, GATEWAY_CONFIG: config },
  });
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  exited = new Promise((done) => child.once('exit', (code) => done(code)));
  await until('two workers listening', () => {
    const listening = lines().filter(({ msg }) => msg === 'joblog-gateway listening');
    return new Set(listening.map(({ pid }) => pid)).size === 2;
  });
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('joblog-gateway serve --workers 2', () => {
  it('answers /healthz from two worker processes, neither of them the primary', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `workers-test-${i}`);
    for (const id of ids) expect(await get('/healthz', id)).toBe(200);
    await until('access-log lines of every request', () =>
      ids.every((id) => lines().some(({ reqId }) => reqId === id)),
    );
    const servedBy = new Set(
      lines()
        .filter(({ reqId }) => reqId !== undefined && ids.includes(reqId))
        .map(({ pid }) => pid),
    );
    expect(servedBy.size).toBe(2);
    expect(servedBy.has(child.pid as number)).toBe(false);
  });

  it('when a worker dies / starts another in its place', async () => {
    const listening = (): number[] =>
      lines()
        .filter(({ msg }) => msg === 'joblog-gateway listening')
        .map(({ pid }) => pid);
    const [victim] = listening();
    process.kill(victim as number, 'SIGKILL');
    await until('a replacement worker listening', () => listening().length === 3);
    expect(lines()).toContainEqual(
      expect.objectContaining({ msg: 'a worker died: starting another', pid: child.pid }),
    );
    expect(await get('/healthz', 'workers-test-after-restart')).toBe(200);
  });

  it('when sent SIGTERM / stops every worker and exits 0', async () => {
    child.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
    const stopped = lines().filter(({ msg }) => msg === 'shutting down');
    // The two live workers (the one killed earlier never got to shut down).
    expect(new Set(stopped.map(({ pid }) => pid)).size).toBe(2);
  });
});
