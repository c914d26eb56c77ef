/**
 * The built CLI (dist/main.js, what `npm start` and `joblog-gateway` run) as a real process:
 * `serve` refuses to start without a config and never loads the emulators or node-soap; `demo`
 * serves the emulated upstreams on loopback and says so.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const PRELOAD = join(ROOT, 'test', 'helpers', 'loaded-modules.js');
const EMULATOR_OR_SOAP = /^dist[\\/](emulators|demo)[\\/]|^node_modules[\\/]soap[\\/]/;

let work: string;

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'joblog-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Run {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(GATEWAY_|DEMO_|PORT$)/.test(name)),
  );
  const child = spawn(process.execPath, ['--require', PRELOAD, MAIN, ...args], {
    cwd: ROOT,
    env: { ...clean, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the pino line that says the gateway listens, and returns its URL. */
async function listeningUrl(process: Run): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const line of process.stdout().split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'joblog-gateway listening' && entry.url !== undefined) return entry.url;
    }
    const code = await Promise.race([
      process.exited,
      new Promise<'waiting'>((wait) => setTimeout(() => wait('waiting'), 50)),
    ]);
    if (code !== 'waiting') throw new Error(`exited ${code}: ${process.stderr()}`);
  }
  throw new Error(`did not listen: ${process.stdout()} ${process.stderr()}`);
}

async function stop(process: Run): Promise<number | null> {
  process.child.kill('SIGTERM');
  return process.exited;
}

/** The modules a process loaded, as paths relative to the project (so the clone's own path never matches). */
function loadedModules(file: string): string[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as string[]).map((path) => relative(ROOT, path));
}

describe('joblog-gateway serve', () => {
  describe('without GATEWAY_CONFIG', () => {
    it('exits 78 and points to the demo, without listening', async () => {
      const serve = run(['serve'], {});
      expect(await serve.exited).toBe(78);
      expect(serve.stderr()).toContain('GATEWAY_CONFIG is not set');
      expect(serve.stderr()).toContain('npm start');
      expect(serve.stdout()).not.toContain('listening');
    });
  });

  describe('with a config', () => {
    it('serves, and never loads the emulators, the demo or node-soap', async () => {
      const config = join(work, 'gateway.json');
      writeFileSync(
        config,
        JSON.stringify({
          server: { host: '127.0.0.1', port: 0 },
          auth: { apiKeys: [{ id: 'ci', key: 'cli-test-key-0123456789' }] },
          sources: [
            {
              id: 'losant-prod',
              type: 'losant',
              baseUrl: 'http://127.0.0.1:9',
              applicationId: '575ec8687ae143cd83dc4a97',
              token: 'not-used-here',
            },
          ],
        }),
      );
      const modules = join(work, 'serve-modules.json');
      const serve = run(['serve'], { GATEWAY_CONFIG: config, LOADED_MODULES_FILE: modules });
      const url = await listeningUrl(serve);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await stop(serve)).toBe(0);
      const loaded = loadedModules(modules);
      expect(loaded).toContain(join('dist', 'server', 'gateway.js'));
      expect(loaded.filter((path) => EMULATOR_OR_SOAP.test(path))).toEqual([]);
    });
  });
});

describe('joblog-gateway demo', () => {
  it('serves the three emulated sources on loopback and warns that they are emulated', async () => {
    const modules = join(work, 'demo-modules.json');
    const demo = run(['demo'], {
      PORT: '0',
      DEMO_API_KEY: 'demo-cli-key-0123456789',
      LOADED_MODULES_FILE: modules,
    });
    const url = await listeningUrl(demo);
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const sources = await fetch(`${url}/v1/sources`, {
      headers: { authorization: 'Bearer demo-cli-key-0123456789' },
    });
    expect(((await sources.json()) as { items: unknown[] }).items).toHaveLength(3);
    const warning = demo
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((entry) => entry.msg.startsWith('demo mode'));
    expect(warning?.level).toBe(40); // pino's warn
    expect(demo.stdout()).toContain('JSON API key       demo-cli-key-0123456789');
    expect(await stop(demo)).toBe(0);
    // The same check that keeps `serve` clean sees the demo's emulators: it can fail.
    expect(loadedModules(modules).some((path) => EMULATOR_OR_SOAP.test(path))).toBe(true);
  });
});
