// Overload with one hung source: closed-loop load (autocannon, many connections) on a listing of
// every source while one source's upstream accepts connections and never answers. Three gateways
// side by side, same upstreams: the breaker and load shedding effectively off (a breaker that
// never opens, caps far above the load), the breaker alone, and both with their defaults. Upstreams and
// gateways run in their own processes (see ../README.md).
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { API_KEY, freePorts, load: closedLoop, MAIN, start, waitFor } = require('./processes');

const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.OVERLOAD_CONNECTIONS ?? 64);
const LOSANT_APP = '575ec8687ae143cd83dc4a97';
const LOSANT_TOKEN = 'losant-emulator-gateway-token-0123456789';

// A hung upstream: accepts, reads, never answers (what an overloaded or wedged backend looks like).
const HUNG_SERVER = `
const sockets = new Set();
require('node:net').createServer((socket) => { sockets.add(socket); socket.on('data', () => {}); socket.on('close', () => sockets.delete(socket)); }).listen(Number(process.env.PORT), '127.0.0.1');`;

function gatewayConfig(port, losantUrl, hungUrl, { breaker, shedding }) {
  const source = (id, baseUrl) => ({
    id,
    type: 'losant',
    baseUrl,
    applicationId: LOSANT_APP,
    token: LOSANT_TOKEN,
    timeoutMs: 5000,
    ...(breaker ? {} : { breaker: { failures: 1000, openMs: 100, maxRetryAfterMs: 0 } }),
  });
  return {
    server: {
      host: '127.0.0.1',
      port,
      logLevel: 'warn',
      requestTimeoutMs: 30000,
      ...(shedding ? {} : { maxInFlight: 100000, maxInFlightPerCaller: 100000 }),
    },
    auth: { apiKeys: [{ id: 'bench', key: API_KEY }], soapUsers: [] },
    sources: [source('losant-healthy', losantUrl), source('losant-hung', hungUrl)],
  };
}

function load(url) {
  return closedLoop({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 40,
    headers: { authorization: `Bearer ${API_KEY}` },
    setupClient: (client) => {
      client.on('body', (body) => {
        const text = body.toString('utf8');
        const status = text.includes('"GW_ERR_SOURCE_UNAVAILABLE"')
          ? 'hung source listed as unavailable (breaker open)'
          : text.includes('"GW_ERR_UPSTREAM_TIMEOUT"')
            ? 'hung source listed as timed out'
            : text.includes('"GW_ERR_OVERLOADED"')
              ? 'shed (503 overloaded)'
              : 'other';
        counts.set(status, (counts.get(status) ?? 0) + 1);
      });
    },
  });
}

let counts = new Map();

async function run() {
  const [losantPort, hungPort, plainPort, breakerPort, bothPort] = await freePorts(5);
  const dir = mkdtempSync(join(tmpdir(), 'joblog-overload-'));
  const losantUrl = `http://127.0.0.1:${losantPort}`;
  const hungUrl = `http://127.0.0.1:${hungPort}`;
  const configs = {
    'breaker and shedding off': [plainPort, { breaker: false, shedding: false }],
    'breaker on (defaults), shedding off': [breakerPort, { breaker: true, shedding: false }],
    'breaker and shedding on (defaults: 32 in flight per caller)': [
      bothPort,
      { breaker: true, shedding: true },
    ],
  };
  const children = [
    start(null, [MAIN, 'emulate', 'losant', '--port', String(losantPort)]),
    start(null, ['-e', HUNG_SERVER], { PORT: String(hungPort) }),
  ];
  for (const [name, [port, protect]] of Object.entries(configs)) {
    const file = join(dir, `${port}.json`);
    writeFileSync(file, JSON.stringify(gatewayConfig(port, losantUrl, hungUrl, protect)));
    children.push(start(null, [MAIN, 'serve'], { GATEWAY_CONFIG: file }));
    configs[name] = port;
  }
  try {
    await waitFor(`${losantUrl}/applications/${LOSANT_APP}/jobLogs`, {
      headers: { authorization: `Bearer ${LOSANT_TOKEN}` },
    });
    for (const port of Object.values(configs)) await waitFor(`http://127.0.0.1:${port}/healthz`);
    process.stdout.write(
      `${CONNECTIONS} connections for ${DURATION} s per arm on GET /v1/job-logs?limit=10 (both sources; ` +
        `losant-hung accepts and never answers; source timeoutMs 5000). Arms one after the other, same upstreams.\n\n` +
        '| arm | requests | p50 ms | p99 ms | max ms | 2xx | 503 | timeouts | answers by kind |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n',
    );
    for (const [name, port] of Object.entries(configs)) {
      counts = new Map();
      const result = await load(`http://127.0.0.1:${port}/v1/job-logs?limit=10`);
      const kinds = [...counts.entries()].map(([kind, n]) => `${kind}: ${n}`).join('; ');
      process.stdout.write(
        `| ${name} | ${result.requests.total} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result['2xx']} | ${result['5xx']} | ${result.timeouts} | ${kinds} |\n`,
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

module.exports = { run };
