// Closed-loop load (autocannon) against separate processes: a bare node:http server, the Scene7
// emulator called directly, and the gateway in front of it over SOAP and JSON (see ../README.md).
const { writeFileSync, mkdtempSync } = require('node:fs');
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
const { assetJobLogsRequest } = require('../fixtures');

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);

const load = loadWith({ connections: CONNECTIONS, duration: DURATION });

const BARE_SERVER = `
const body = JSON.stringify({ items: Array.from({ length: 4 }, (_, i) => ({ id: 'x'.repeat(120) + i, message: 'y'.repeat(200) })) });
require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }).listen(Number(process.env.PORT), '127.0.0.1');`;

async function run() {
  pinSelf(0);
  const [barePort, emulatorPort, gatewayPort] = await freePorts(3);
  const dir = mkdtempSync(join(tmpdir(), 'joblog-bench-'));
  const configFile = join(dir, 'gateway.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      server: { host: '127.0.0.1', port: gatewayPort, logLevel: 'info' },
      auth: {
        apiKeys: [{ id: 'bench', key: API_KEY }],
        soapUsers: [{ user: 'bench@example.com', password: 'bench-password' }],
      },
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
        },
      ],
    }),
  );
  const children = [
    start(0, ['-e', BARE_SERVER], { PORT: String(barePort) }),
    start(0, [MAIN, 'emulate', 'scene7', '--port', String(emulatorPort)]),
    start(1, [MAIN, 'serve'], { GATEWAY_CONFIG: configFile }),
  ];
  try {
    await waitFor(`http://127.0.0.1:${barePort}/`);
    await waitFor(`http://127.0.0.1:${emulatorPort}/scene7/services/IpsApiService?wsdl`);
    await waitFor(`http://127.0.0.1:${gatewayPort}/healthz`);
    const soapHeaders = {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: 'getAssetJobLogs',
    };
    const arms = {
      'bare node:http (ceiling)': { url: `http://127.0.0.1:${barePort}/` },
      'Scene7 emulator direct (upstream alone)': {
        url: `http://127.0.0.1:${emulatorPort}/scene7/services/IpsApiService`,
        method: 'POST',
        // As the gateway asks upstream: IPS gzips when Accept-Encoding allows (scene7-ips.md §1.3).
        headers: { ...soapHeaders, 'accept-encoding': 'gzip' },
        body: assetJobLogsRequest('ips-api@example.com', 'demo-ips-password'),
      },
      'gateway IPS SOAP -> emulator': {
        url: `http://127.0.0.1:${gatewayPort}/scene7/services/IpsApiService`,
        method: 'POST',
        headers: soapHeaders,
        body: assetJobLogsRequest('bench@example.com', 'bench-password'),
      },
      'gateway JSON /v1/job-logs -> emulator': {
        url: `http://127.0.0.1:${gatewayPort}/v1/job-logs?source=scene7-bench&assetHandle=a%7C732%7C1%7C535`,
        headers: { authorization: `Bearer ${API_KEY}` },
      },
    };
    const results = await interleavedRounds(arms, ROUNDS, load);
    const rps = medianOf(results, (r) => r.requests.average);
    const p50 = medianOf(results, (r) => r.latency.p50);
    const p99 = medianOf(results, (r) => r.latency.p99);
    const upstream = 'Scene7 emulator direct (upstream alone)';
    process.stdout.write(
      `${CONNECTIONS} connections, ${DURATION} s per arm, median of ${ROUNDS} rounds, arms interleaved; ` +
        `${HAS_TASKSET ? 'gateway pinned to CPU 1, emulator, bare server and load generator to CPU 0' : 'no taskset: unpinned'}; gateway logging at info.\n\n`,
    );
    process.stdout.write(
      '| arm | req/s | p50 ms | p99 ms | req/s vs upstream alone | p50 added vs upstream alone |\n|---|---:|---:|---:|---:|---:|\n',
    );
    for (const name of Object.keys(results)) {
      process.stdout.write(
        `| ${name} | ${rps[name].toFixed(0)} | ${p50[name]} | ${p99[name]} | ${(rps[name] / rps[upstream]).toFixed(2)}x | ${name.startsWith('gateway') ? `+${(p50[name] - p50[upstream]).toFixed(1)} ms` : ''} |\n`,
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

module.exports = { run };
