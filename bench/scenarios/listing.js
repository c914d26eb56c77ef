// Arm (e): a 1000-record listing of two JSON upstreams (canned Business Central and Losant pages,
// each in its own process) through the gateway, against the floor pipeline (undici request,
// JSON.parse, JSON.stringify of the same records in one process); see ../README.md.
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

const CONNECTIONS = Number(process.env.LISTING_CONNECTIONS ?? 8);
const RECORDS = Number(process.env.LISTING_RECORDS ?? 500); // per source
const PAGE = Number(process.env.LISTING_PAGE ?? 250);
const LIMIT = 1000;
const COMPARE_WITH = process.env.COMPARE_WITH;
const TENANT = 'cronus.com';
const COMPANY = 'bb6d48b6-c7b2-4a38-9a93-ad5506407f12';
const APPLICATION = '575ec8687ae143cd83dc4a97';

const load = loadWith({ connections: CONNECTIONS, duration: DURATION });

function gatewayConfig(port, bcOrigin, losantOrigin) {
  return {
    server: { host: '127.0.0.1', port, logLevel: 'info' },
    auth: { apiKeys: [{ id: 'bench', key: API_KEY }] },
    sources: [
      {
        id: 'bc-bench',
        type: 'business-central',
        baseUrl: bcOrigin,
        tenant: TENANT,
        environment: 'production',
        companyId: COMPANY,
        auth: {
          tokenUrl: `${bcOrigin}/${TENANT}/oauth2/v2.0/token`,
          clientId: 'bench-client',
          clientSecret: 'bench-secret',
        },
        pageSize: PAGE,
        compression: false,
      },
      {
        id: 'losant-bench',
        type: 'losant',
        baseUrl: losantOrigin,
        applicationId: APPLICATION,
        token: 'bench-token',
        perPage: PAGE,
        compression: false,
      },
    ],
  };
}

async function run() {
  pinSelf(0);
  const [bcPort, losantPort, gatewayPort, floorPort, comparePort] = await freePorts(5);
  const bcOrigin = `http://127.0.0.1:${bcPort}`;
  const losantOrigin = `http://127.0.0.1:${losantPort}`;
  const dir = mkdtempSync(join(tmpdir(), 'joblog-bench-listing-'));
  const configFile = join(dir, 'gateway.json');
  writeFileSync(configFile, JSON.stringify(gatewayConfig(gatewayPort, bcOrigin, losantOrigin)));
  const compareConfig = join(dir, 'compare.json');
  writeFileSync(compareConfig, JSON.stringify(gatewayConfig(comparePort, bcOrigin, losantOrigin)));
  const canned = join('bench', 'upstreams', 'canned-json.js');
  const upstream = { RECORDS: String(RECORDS), PAGE: String(PAGE) };
  const children = [
    start(0, [canned], { ...upstream, SYSTEM: 'bc', PORT: String(bcPort) }),
    start(0, [canned], { ...upstream, SYSTEM: 'losant', PORT: String(losantPort) }),
    start(1, [MAIN, 'serve'], { GATEWAY_CONFIG: configFile }),
    start(1, [join('bench', 'baselines', 'floor-listing.js')], {
      PORT: String(floorPort),
      LIMIT: String(LIMIT),
      LOSANT_PAGE: String(PAGE),
      BC_URL: `${bcOrigin}/v2.0/${TENANT}/production/api/v2.0/companies(${COMPANY})/jobQueueLogEntries`,
      LOSANT_URL: `${losantOrigin}/applications/${APPLICATION}/jobLogs`,
    }),
  ];
  // COMPARE_WITH (another checkout, built): its gateway beside this one, arms interleaved.
  if (COMPARE_WITH !== undefined)
    children.push(
      start(1, [join(COMPARE_WITH, 'dist', 'main.js'), 'serve'], { GATEWAY_CONFIG: compareConfig }),
    );
  try {
    await waitFor(`${losantOrigin}/applications/${APPLICATION}/jobLogs`);
    await waitFor(`${bcOrigin}/x/jobQueueLogEntries`);
    await waitFor(`http://127.0.0.1:${gatewayPort}/healthz`);
    await waitFor(`http://127.0.0.1:${floorPort}/`);
    const arms = {
      'gateway /v1/job-logs?limit=1000 (both sources)': {
        url: `http://127.0.0.1:${gatewayPort}/v1/job-logs?limit=${LIMIT}`,
        headers: { authorization: `Bearer ${API_KEY}` },
      },
      'floor: undici + JSON.parse + JSON.stringify': { url: `http://127.0.0.1:${floorPort}/` },
    };
    if (COMPARE_WITH !== undefined) {
      await waitFor(`http://127.0.0.1:${comparePort}/healthz`);
      arms['COMPARE_WITH gateway /v1/job-logs?limit=1000'] = {
        url: `http://127.0.0.1:${comparePort}/v1/job-logs?limit=${LIMIT}`,
        headers: { authorization: `Bearer ${API_KEY}` },
      };
    }
    // Both answer every record, and the gateway lists no source as failed.
    for (const [name, arm] of Object.entries(arms)) {
      const answer = await (await fetch(arm.url, { headers: arm.headers })).json();
      if (answer.items?.length !== LIMIT || (answer.errors ?? []).length > 0)
        throw new Error(
          `${name}: ${answer.items?.length} items, ${JSON.stringify(answer.errors ?? answer).slice(0, 400)}`,
        );
    }
    const results = await interleavedRounds(arms, ROUNDS, load);
    const rps = medianOf(results, (r) => r.requests.average);
    const p50 = medianOf(results, (r) => r.latency.p50);
    const p99 = medianOf(results, (r) => r.latency.p99);
    const [gateway, floor, compared] = Object.values(rps);
    process.stdout.write(
      `${RECORDS} records per source in pages of ${PAGE}, each canned upstream in its own process (CPU 0); ` +
        `gateway and floor on CPU 1${HAS_TASKSET ? '' : ' (no taskset: unpinned)'}; ${CONNECTIONS} connections, ` +
        `${DURATION} s per arm, median of ${ROUNDS} interleaved rounds; gateway logging at info to /dev/null.\n\n`,
    );
    process.stdout.write('| arm | listings/s | p50 ms | p99 ms |\n|---|---:|---:|---:|\n');
    for (const name of Object.keys(results))
      process.stdout.write(`| ${name} | ${rps[name].toFixed(1)} | ${p50[name]} | ${p99[name]} |\n`);
    const ratio = gateway / floor;
    process.stdout.write(
      (compared === undefined
        ? ''
        : `\nThis checkout vs COMPARE_WITH (same run): ${(gateway / compared).toFixed(2)}x listings/s.\n`) +
        `\n| goal | measured | target | met |\n|---|---:|---|---|\n| (e) 1000-record listing / floor pipeline | ${ratio.toFixed(2)}x | >= 0.5x | ${ratio >= 0.5 ? 'yes' : 'no'} |\n`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

module.exports = { run };
