/**
 * The alerting rules in deploy/prometheus/ are valid (promtool check rules), fire and stay quiet
 * as their unit tests say (promtool test rules), and name only metrics the gateway exports.
 * promtool is the real one, from Debian's prometheus package (scripts/ensure-tools.sh).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Demo } from '../../../src/demo/start';
import { testWebhookSecret } from '../../helpers/webhook-receiver';
import { startWatchDemo, startWatchedGateway, tempStateDir } from '../../helpers/watch';

jest.setTimeout(30_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const RULES_DIR = join(ROOT, 'deploy', 'prometheus');

function promtool(): string {
  const local = join(ROOT, '.tools', 'bin', 'promtool');
  if (existsSync(local)) return local;
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return 'promtool';
  } catch {
    throw new Error(
      'promtool is not installed: run `bash scripts/ensure-tools.sh` (as root; npm test runs it first).',
    );
  }
}

function run(args: readonly string[]): string {
  return execFileSync(promtool(), args, { cwd: RULES_DIR, encoding: 'utf8' });
}

describe('deploy/prometheus/alerts.yml', () => {
  it('passes promtool check rules', () => {
    expect(run(['check', 'rules', 'alerts.yml'])).toMatch(/SUCCESS: 4 rules found/);
  });

  it('passes its promtool unit tests (each alert fires on its series and resolves)', () => {
    expect(run(['test', 'rules', 'alerts.test.yml'])).toMatch(/SUCCESS/);
  });

  describe('against a running gateway', () => {
    let demo: Demo;
    beforeAll(async () => {
      demo = await startWatchDemo();
    });
    afterAll(() => demo.close());

    it('names only metrics the gateway exports, every one present from the start', async () => {
      const state = tempStateDir();
      const watched = await startWatchedGateway(demo, {
        watch: { intervalMs: 60_000, lookbackMs: 120_000, stateFile: state.file },
        webhooks: [{ name: 'ops', url: 'http://127.0.0.1:9/hooks', secret: testWebhookSecret() }],
      });
      try {
        const exported = await (await watched.get('/metrics')).text();
        const named = new Set(
          readFileSync(join(RULES_DIR, 'alerts.yml'), 'utf8').match(/joblog_gateway_[a-z_]+/g),
        );
        expect(named.size).toBe(5);
        for (const name of named) expect(exported).toMatch(new RegExp(`^${name}\\{`, 'm'));
      } finally {
        await watched.close();
        state.remove();
      }
    });
  });
});
