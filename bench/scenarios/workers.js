// A cached listing (the response cache on, cacheTtlMs 10 min) served by one and by two gateway
// workers (`serve --workers N`), and one worker's cached read against bare Express serving the
// same bytes. Every server runs in its own process; the upstreams are the Scene7 emulator (the
// 10-record asset read of the other scenarios) and the Losant emulator (a 100-record listing for
// the worker arms: on a 2-CPU box the load generator shares the CPUs with the workers, and a
// heavier answer keeps its share of the work small). With redis-server on the PATH, one more
// pinned worker keeps its cache in Redis (on CPU 0, beside the emulators), as replicas would.
const { spawn, spawnSync } = require('node:child_process');
const { writeFileSync, mkdtempSync } = require('node:fs');
const { connect } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const {
  API_KEY,
  DURATION,
  freePorts,
  HAS_TASKSET,
  interleavedRounds,
  loadWith,
  MAIN,
  medianOf,
  pinSelf,
  ROUNDS,
  start,
  waitFor,
} = require('./processes');

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const LISTING = '/v1/job-logs?source=scene7-bench&assetHandle=a%7C732%7C1%7C535';
const BIG_LISTING = '/v1/job-logs?source=losant-bench&limit=100';

const load = loadWith({ connections: CONNECTIONS, duration: DURATION });

const HAS_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** A redis-server without persistence on `port`, on CPU 0 when taskset exists; resolves when up. */
async function startRedis(port) {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = HAS_TASKSET
    ? spawn('taskset', ['-c', '0', 'redis-server', ...args], { stdio: 'ignore' })
    : spawn('redis-server', args, { stdio: 'ignore' });
  for (let i = 0; i < 100; i += 1) {
    const up = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not come up`);
}

function gatewayConfig(dir, name, port, emulatorPort, losantPort, redisUrl) {
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      ...(redisUrl === undefined ? {} : { redis: { url: redisUrl } }),
      server: { host: '127.0.0.1', port, logLevel: 'info' },
      auth: { apiKeys: [{ id: 'bench', key: API_KEY }], soapUsers: [] },
      sources: [
        {
          id: 'scene7-bench',
          type: 'scene7',
          url: `http://127.0.0.1:${emulatorPort}/scene7/services/IpsApiService`,
          companyHandle: 'c|6',
          credentials: {
            mode: 'gateway',
            user: 'ips-api@example.com',
            password: 'demo-ips-password',
          },
          cacheTtlMs: 600_000,
          compression: false,
        },
        {
          id: 'losant-bench',
          type: 'losant',
          baseUrl: `http://127.0.0.1:${losantPort}`,
          applicationId: '575ec8687ae143cd83dc4a97',
          token: 'losant-emulator-gateway-token-0123456789',
          cacheTtlMs: 600_000,
          compression: false,
        },
      ],
    }),
  );
  return file;
}

async function run() {
  const [emulatorPort, losantPort, pinnedPort, onePort, twoPort, barePort, redisPort, redisGwPort] =
    await freePorts(8);
  const dir = mkdtempSync(join(tmpdir(), 'joblog-bench-workers-'));
  const serve = (name, port, workers, cpus, redisUrl) =>
    start(cpus, [MAIN, 'serve', '--workers', String(workers)], {
      GATEWAY_CONFIG: gatewayConfig(dir, name, port, emulatorPort, losantPort, redisUrl),
    });
  const children = [
    start('0', [MAIN, 'emulate', 'scene7', '--port', String(emulatorPort)]),
    start('0', [MAIN, 'emulate', 'losant', '--port', String(losantPort)]),
    serve('pinned', pinnedPort, 1, '1'),
    serve('one', onePort, 1),
    serve('two', twoPort, 2),
  ];
  try {
    pinSelf(0);
    const gatewayPorts = [pinnedPort, onePort, twoPort];
    if (HAS_REDIS) {
      children.push(await startRedis(redisPort));
      children.push(serve('redis', redisGwPort, 1, '1', `redis://127.0.0.1:${redisPort}`));
      gatewayPorts.push(redisGwPort);
    } else
      process.stdout.write(
        'redis-server is not installed: the Redis-store arm is left out (`apt-get install redis-server`).\n\n',
      );
    await waitFor(`http://127.0.0.1:${emulatorPort}/scene7/services/IpsApiService?wsdl`);
    await waitFor(`http://127.0.0.1:${losantPort}/`);
    for (const port of gatewayPorts) await waitFor(`http://127.0.0.1:${port}/healthz`);
    const headers = { authorization: `Bearer ${API_KEY}` };
    const answer = await fetch(`http://127.0.0.1:${pinnedPort}${LISTING}`, { headers });
    if (answer.status !== 200) throw new Error(`the cached listing answered ${answer.status}`);
    const body = Buffer.from(await answer.arrayBuffer());
    // The ceiling: bare Express serving the gateway's own answer (proxy.js's arm (c) baseline).
    const bodyFile = join(dir, 'job-logs.json');
    writeFileSync(bodyFile, body);
    children.push(
      start('1', [join('bench', 'baselines', 'express-bare.js')], {
        PORT: String(barePort),
        BODY_FILE: bodyFile,
      }),
    );
    await waitFor(`http://127.0.0.1:${barePort}/healthz`);

    const BARE = 'bare Express, same bytes (pinned to CPU 1)';
    const PINNED = 'gateway cached listing, 1 worker (pinned to CPU 1)';
    const REDIS = 'gateway cached listing, Redis store, 1 worker (pinned to CPU 1)';
    const ONE = 'gateway cached listing, 1 worker (unpinned)';
    const TWO = 'gateway cached listing, 2 workers (unpinned)';
    const BIG_ONE = 'gateway cached 100-record listing, 1 worker (unpinned)';
    const BIG_TWO = 'gateway cached 100-record listing, 2 workers (unpinned)';
    const cached = (port, path) => ({ url: `http://127.0.0.1:${port}${path}`, headers });
    const arms = {
      [BARE]: { url: `http://127.0.0.1:${barePort}/v1/job-logs` },
      [PINNED]: cached(pinnedPort, LISTING),
      ...(HAS_REDIS ? { [REDIS]: cached(redisGwPort, LISTING) } : {}),
      [ONE]: cached(onePort, LISTING),
      [TWO]: cached(twoPort, LISTING),
      [BIG_ONE]: cached(onePort, BIG_LISTING),
      [BIG_TWO]: cached(twoPort, BIG_LISTING),
    };
    const results = await interleavedRounds(arms, ROUNDS, load);
    const rps = medianOf(results, (result) => result.requests.average);
    process.stdout.write(
      `${CONNECTIONS} connections, ${DURATION} s per arm, median of ${ROUNDS} rounds, arms interleaved; ` +
        `${body.length}-byte answer; ${HAS_TASKSET ? 'pinned arms on CPU 1, emulator and load generator on CPU 0; unpinned arms share both CPUs with the load generator' : 'no taskset: everything unpinned'}; gateway logging at info.\n\n`,
    );
    process.stdout.write('| arm | req/s |\n|---|---:|\n');
    for (const [name, value] of Object.entries(rps))
      process.stdout.write(`| ${name} | ${value.toFixed(0)} |\n`);
    process.stdout.write(
      `\n| goal | measured |\n|---|---:|\n` +
        `| cached read >= 0.5x bare Express (same bytes, one CPU each) | ${(rps[PINNED] / rps[BARE]).toFixed(2)}x |\n` +
        (HAS_REDIS
          ? `| cached read, Redis store, / bare Express (same bytes, one CPU each) | ${(rps[REDIS] / rps[BARE]).toFixed(2)}x |\n`
          : '') +
        `| 2 workers vs 1 worker (cached 10-record listing) | ${(rps[TWO] / rps[ONE]).toFixed(2)}x |\n` +
        `| 2 workers vs 1 worker (cached 100-record listing) | ${(rps[BIG_TWO] / rps[BIG_ONE]).toFixed(2)}x |\n`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

module.exports = { run };
