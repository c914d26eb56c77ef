// The gateway's own cost against what a developer would build from node-soap and Express, with
// every upstream and server in its own process (issue "The gateway's own cost"); see ../README.md.
// Arms: (a) IPS endpoint vs a node-soap proxy; (b) /v1/job-logs vs Express + node-soap client;
// (c) /v1/job-logs vs bare Express serving the same bytes; (d) added latency over calling the
// upstream directly, at one connection (p50) and at half the gateway's maximum rate (p99);
// (f) /healthz through the whole pipeline vs bare Express.
const { writeFileSync, mkdtempSync, mkdirSync, readdirSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');
const { URL } = require('node:url');
const {
  API_KEY,
  DURATION,
  freePort,
  freePorts,
  HAS_TASKSET,
  interleavedRounds,
  loadWith,
  MAIN,
  median,
  medianOf,
  pinSelf,
  ROOT,
  ROUNDS,
  start,
  waitFor,
  WARMUP,
  cpuMsOf,
  gatewayGcOf,
} = require('./processes');
const { sequential, openLoop, percentile } = require('../latency');
const { assetJobLogsRequest } = require('../fixtures');
const profileSummary = require('../profile-summary');
const { report } = require('./proxy-report');

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const UPSTREAM = process.env.UPSTREAM ?? 'canned'; // canned | emulator
// Another checkout (built) whose gateway runs beside this one, arms interleaved: before/after.
const COMPARE_WITH = process.env.COMPARE_WITH;
const PROFILE_ARM = process.env.PROFILE_ARM ?? 'json'; // json | ips | healthz
const PROFILE_DIR = process.env.PROFILE_DIR ?? join(ROOT, 'bench', 'profiles');
const TOP = Number(process.env.TOP ?? 25);
const GATEWAY_USER = ['bench@example.com', 'bench-password'];
const UPSTREAM_USER = ['ips-api@example.com', 'demo-ips-password']; // the emulator's seeded user
const SERVICE_PATH = '/scene7/services/IpsApiService';
// Every request reads a different asset by default (autocannon's idReplacement puts a fresh id
// in place of [<id>]): the gateway shares one upstream call among identical concurrent reads
// (request coalescing), which the node-soap baselines do not do; IDENTICAL=1 reads one asset.
// The emulator knows only its seeded assets, so against it every request reads the same one.
const IDENTICAL = process.env.IDENTICAL === '1' || UPSTREAM === 'emulator';
const ASSET_ID = IDENTICAL ? '535' : '[<id>]';
const ASSET = `a%7C732%7C1%7C${ASSET_ID}`;

let nextId = 0;
const closedLoop = loadWith({ connections: CONNECTIONS, duration: DURATION, idReplacement: true });

/**
 * Closed-loop load with autocannon. A `[<id>]` in the URL is replaced per request by autocannon's
 * idReplacement; one in a body by setupRequest (idReplacement would leave a stale
 * content-length), with an id of the same length every time.
 */
function load(options) {
  const { body, ...rest } = options;
  const perRequest =
    body?.includes('[<id>]') === true
      ? {
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                body: body.replaceAll('[<id>]', String(1e9 + (nextId += 1))),
              }),
            },
          ],
        }
      : { body };
  return closedLoop({ ...rest, ...perRequest });
}

const soapHeaders = { 'content-type': 'text/xml; charset=utf-8', soapaction: 'getAssetJobLogs' };

async function startUpstream(port) {
  const child =
    UPSTREAM === 'emulator'
      ? start(0, [MAIN, 'emulate', 'scene7', '--port', String(port)])
      : start(0, [join('bench', 'upstreams', 'canned-ips.js')], { PORT: String(port) });
  await waitFor(`http://127.0.0.1:${port}${SERVICE_PATH}?wsdl`);
  return child;
}

function writeGatewayConfig(dir, gatewayPort, upstreamUrl) {
  const file = join(dir, 'gateway.json');
  writeFileSync(
    file,
    JSON.stringify({
      server: { host: '127.0.0.1', port: gatewayPort, logLevel: 'info' },
      auth: {
        apiKeys: [{ id: 'bench', key: API_KEY }],
        soapUsers: [{ user: GATEWAY_USER[0], password: GATEWAY_USER[1] }],
      },
      sources: [
        {
          id: 'scene7-bench',
          type: 'scene7',
          url: upstreamUrl,
          companyHandle: 'c|6',
          // Loopback: gzip would only cost CPU on both ends.
          compression: false,
          credentials: { mode: 'gateway', user: UPSTREAM_USER[0], password: UPSTREAM_USER[1] },
        },
      ],
    }),
  );
  return file;
}

/** The gateway's arms; with `pid` (its process), the rounds also measure its CPU per request. */
function gatewayArms(gatewayPort, pid) {
  const base = `http://127.0.0.1:${gatewayPort}`;
  const arms = {
    ips: {
      url: base + SERVICE_PATH,
      method: 'POST',
      headers: soapHeaders,
      body: assetJobLogsRequest(...GATEWAY_USER, `a|732|1|${ASSET_ID}`),
    },
    json: {
      url: `${base}/v1/job-logs?source=scene7-bench&assetHandle=${ASSET}`,
      headers: { authorization: `Bearer ${API_KEY}` },
    },
    healthz: { url: `${base}/healthz` },
  };
  if (pid === undefined) return arms;
  return Object.fromEntries(Object.entries(arms).map(([name, arm]) => [name, { ...arm, pid }]));
}

/** Profile mode: the gateway under --cpu-prof for one arm, then a top-N self-time summary. */
async function profile(upstreamUrl, dir) {
  const gatewayPort = await freePort();
  const configFile = writeGatewayConfig(dir, gatewayPort, upstreamUrl);
  const profileDir = join(PROFILE_DIR, `proxy-${PROFILE_ARM}-${Date.now()}`);
  mkdirSync(profileDir, { recursive: true });
  // With COMPARE_WITH, that checkout's gateway is profiled: a before/after under one harness.
  const main = COMPARE_WITH === undefined ? MAIN : join(COMPARE_WITH, 'dist', 'main.js');
  const gateway = start(1, ['--cpu-prof', '--cpu-prof-dir', profileDir, main, 'serve'], {
    GATEWAY_CONFIG: configFile,
  });
  const exited = new Promise((resolve) => gateway.once('exit', resolve));
  // Only the samples taken during the measured load count (not start-up, compile or warm-up).
  const window = {};
  try {
    await waitFor(`http://127.0.0.1:${gatewayPort}/healthz`);
    const arm = gatewayArms(gatewayPort)[PROFILE_ARM];
    if (arm === undefined) throw new Error(`PROFILE_ARM must be json, ips or healthz`);
    await load({ ...arm, duration: WARMUP }); // warm up
    window.from = Number(process.hrtime.bigint() / 1000n);
    const result = await load(arm);
    window.to = Number(process.hrtime.bigint() / 1000n);
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
    process.stdout.write(
      `Profiled arm: ${COMPARE_WITH === undefined ? 'this checkout' : 'the COMPARE_WITH checkout'}'s gateway ${PROFILE_ARM}, ${CONNECTIONS} connections, ${DURATION} s, ` +
        `${result.requests.average.toFixed(0)} req/s under the profiler.\n\n`,
    );
  } finally {
    gateway.kill('SIGTERM'); // the gateway drains and exits 0; V8 writes the profile on exit
  }
  await exited;
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile in ${profileDir}`);
  const path = join(profileDir, file);
  process.stdout.write(
    `Profile: ${relative(ROOT, path)} (open it in Chrome DevTools or speedscope)\n\n`,
  );
  process.stdout.write(
    profileSummary.render(
      profileSummary.summarize(JSON.parse(readFileSync(path, 'utf8')), TOP, window),
    ),
  );
}

/** Starts the gateway and the baselines (CPU 1) against the upstream; returns every arm. */
async function startServers(upstreamUrl, dir, children) {
  const [gatewayPort, proxyPort, expressSoapPort, expressPort, passPort] = await freePorts(5);
  const configFile = writeGatewayConfig(dir, gatewayPort, upstreamUrl);
  const gatewayChild = start(1, [MAIN, 'serve'], { GATEWAY_CONFIG: configFile });
  const proxyChild = start(1, [join('bench', 'baselines', 'soap-proxy.js')], {
    PORT: String(proxyPort),
    UPSTREAM: upstreamUrl,
  });
  const expressSoapChild = start(1, [join('bench', 'baselines', 'express-soap.js')], {
    PORT: String(expressSoapPort),
    UPSTREAM: upstreamUrl,
  });
  const passChild = start(1, [join('bench', 'baselines', 'pass-through.js')], {
    PORT: String(passPort),
    UPSTREAM: upstreamUrl,
  });
  children.push(gatewayChild, proxyChild, expressSoapChild, passChild);
  const gateway = gatewayArms(gatewayPort, gatewayChild.pid);
  await waitFor(gateway.healthz.url);
  await waitFor(`http://127.0.0.1:${proxyPort}${SERVICE_PATH}?wsdl`);
  await waitFor(`http://127.0.0.1:${passPort}${SERVICE_PATH}?wsdl`);
  await waitFor(`http://127.0.0.1:${expressSoapPort}/v1/job-logs?assetHandle=a%7C732%7C1%7C535`);
  // Bare Express serves exactly the gateway's own answer; check both read every record.
  // A fixed id of autocannon's length (a UUID) stands for [<id>] in these one-off reads.
  const one = (text) => text?.replaceAll('[<id>]', '0b7e4a1c-2d3f-4e5a-9b8c-7d6e5f4a3b2c');
  const answer = await fetch(one(gateway.json.url), { headers: gateway.json.headers });
  const bytes = Buffer.from(await answer.arrayBuffer());
  const items = JSON.parse(bytes.toString('utf8')).items;
  if (answer.status !== 200 || items.length === 0)
    throw new Error(`gateway answered ${answer.status}`);
  const ipsText = await (
    await fetch(gateway.ips.url, { ...gateway.ips, body: one(gateway.ips.body) })
  ).text();
  const ipsRecords = (ipsText.match(/<jobHandle>/g) ?? []).length;
  if (ipsRecords !== items.length)
    throw new Error(`IPS endpoint gave ${ipsRecords} records, JSON ${items.length}`);
  const bodyFile = join(dir, 'job-logs.json');
  writeFileSync(bodyFile, bytes);
  const expressChild = start(1, [join('bench', 'baselines', 'express-bare.js')], {
    PORT: String(expressPort),
    BODY_FILE: bodyFile,
  });
  children.push(expressChild);
  await waitFor(`http://127.0.0.1:${expressPort}/healthz`);

  const upstreamArm = {
    url: upstreamUrl,
    method: 'POST',
    headers: soapHeaders,
    body: assetJobLogsRequest(...UPSTREAM_USER, `a|732|1|${ASSET_ID}`),
  };
  // Measured only in (d)'s open loop, beside the upstream: the layout's floor.
  const passThrough = {
    ...upstreamArm,
    url: `http://127.0.0.1:${passPort}${SERVICE_PATH}`,
    pid: passChild.pid,
  };
  const arms = {
    'upstream direct': upstreamArm,
    'gateway IPS endpoint': gateway.ips,
    'node-soap proxy': {
      ...upstreamArm,
      url: `http://127.0.0.1:${proxyPort}${SERVICE_PATH}`,
      pid: proxyChild.pid,
    },
    'gateway /v1/job-logs': gateway.json,
    'Express + node-soap client': {
      url: `http://127.0.0.1:${expressSoapPort}/v1/job-logs?assetHandle=${ASSET}`,
      pid: expressSoapChild.pid,
    },
    'bare Express, same bytes': {
      url: `http://127.0.0.1:${expressPort}/v1/job-logs`,
      pid: expressChild.pid,
    },
    'gateway /healthz': gateway.healthz,
    'bare Express /healthz': {
      url: `http://127.0.0.1:${expressPort}/healthz`,
      pid: expressChild.pid,
    },
  };
  if (COMPARE_WITH !== undefined) {
    const port = await freePort();
    const other = join(dir, 'compare');
    mkdirSync(other);
    const compareChild = start(1, [join(COMPARE_WITH, 'dist', 'main.js'), 'serve'], {
      GATEWAY_CONFIG: writeGatewayConfig(other, port, upstreamUrl),
    });
    children.push(compareChild);
    const compare = gatewayArms(port, compareChild.pid);
    await waitFor(compare.healthz.url);
    // Each compared arm runs right after this checkout's: a noisy stretch hits both alike.
    const twins = {
      'gateway IPS endpoint': compare.ips,
      'gateway /v1/job-logs': compare.json,
      'gateway /healthz': compare.healthz,
    };
    const paired = {};
    for (const [name, arm] of Object.entries(arms)) {
      paired[name] = arm;
      if (twins[name] !== undefined) paired[`COMPARE_WITH ${name}`] = twins[name];
    }
    return { arms: paired, records: items.length, passThrough };
  }
  return { arms, records: items.length, passThrough };
}

/** Closed-loop req/s of every arm: median of ROUNDS interleaved rounds. */
async function throughput(arms) {
  const results = await interleavedRounds(arms, ROUNDS, load);
  return {
    rps: medianOf(results, (result) => result.requests.average),
    cpu: medianOf(results, (result) => result.cpuUsPerRequest ?? NaN),
  };
}

/** (d): p50 at one connection, back to back; p99 in an open loop at half each gateway arm's max. */
async function latency(servers, rps, passThrough) {
  const arms = { ...servers, 'pass-through proxy': passThrough };
  // (d): one connection, back to back, interleaved arms; then open loop at half the max rate.
  const latencyArms = [
    'upstream direct',
    'gateway IPS endpoint',
    'gateway /v1/job-logs',
    'node-soap proxy',
    'Express + node-soap client',
    'pass-through proxy',
    ...Object.keys(arms).filter((name) => name.startsWith('COMPARE_WITH gateway /v1')),
  ];
  const single = Object.fromEntries(latencyArms.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of latencyArms)
      single[name].push((await sequential(arms[name], DURATION / 2)).p50);
  }
  const p50 = Object.fromEntries(latencyArms.map((name) => [name, median(single[name])]));
  const halfRate = {};
  // Each gateway arm's node-soap counterpart runs at the same rate: on a shared machine with each
  // server pinned to one core, the tail owes much to the host (V8's compiler and GC threads share
  // that core), and the baseline's p99 shows how much.
  const counterparts = {
    'gateway IPS endpoint': 'node-soap proxy',
    'gateway /v1/job-logs': 'Express + node-soap client',
  };
  // Each server first runs DURATION s at the rate, unrecorded: the closed-loop rounds before leave
  // it recovering from saturation (its old generation full of what 32 connections promoted), and
  // the goal is the tail at that rate. The p99 is then of every round's latencies pooled; the
  // median of the rounds' own p99s is reported beside it.
  for (const [name, counterpart] of Object.entries(counterparts)) {
    const rate = Math.max(1, Math.round(rps[name] / 2));
    const who = {
      upstream: 'upstream direct',
      gateway: name,
      baseline: counterpart,
      floor: 'pass-through proxy',
    };
    const perKey = (make) => Object.fromEntries(Object.keys(who).map((key) => [key, make(key)]));
    const roundP99s = perKey(() => []);
    const latencies = perKey(() => []);
    // What stands in the way of the tail: each server's CPU per request at this rate (against its
    // closed-loop cost), and the gateway's collections, from its /metrics, over its rounds.
    const cpuMs = perKey(() => 0);
    const served = perKey(() => 0);
    const { origin } = new URL(arms[name].url);
    const gcBefore = await gatewayGcOf(origin);
    for (const arm of Object.values(who)) await openLoop(arms[arm], rate, DURATION);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [key, arm] of Object.entries(who)) {
        const before = cpuMsOf(arms[arm].pid);
        const result = await openLoop(arms[arm], rate, DURATION);
        cpuMs[key] += (cpuMsOf(arms[arm].pid) ?? NaN) - (before ?? NaN);
        served[key] += result.count;
        roundP99s[key].push(result.p99);
        latencies[key].push(result.latencies);
      }
    }
    const gcAfter = await gatewayGcOf(origin);
    const pooledP99 = (key) =>
      percentile(Float64Array.from(latencies[key].flatMap((part) => Array.from(part))).sort(), 99);
    halfRate[name] = {
      rate,
      counterpart,
      ...perKey(pooledP99),
      roundMedians: perKey((key) => median(roundP99s[key])),
      cpuUsPerRequest: perKey((key) => (cpuMs[key] * 1000) / served[key]),
      gc: Object.fromEntries(
        ['minor', 'major'].map((kind) => [
          kind,
          {
            count: gcAfter[kind].count - gcBefore[kind].count,
            ms: (gcAfter[kind].seconds - gcBefore[kind].seconds) * 1000,
          },
        ]),
      ),
      // Wall time of the gateway's rounds (its warm-up round and the measured ones).
      seconds: (ROUNDS + 1) * DURATION,
    };
  }

  return { latencyArms, p50, halfRate };
}

async function run(options = {}) {
  pinSelf(0);
  const dir = mkdtempSync(join(tmpdir(), 'joblog-bench-proxy-'));
  const upstreamPort = await freePort();
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}${SERVICE_PATH}`;
  const children = [await startUpstream(upstreamPort)];
  try {
    if (options.profile) {
      await profile(upstreamUrl, dir);
      return;
    }
    const { arms, records, passThrough } = await startServers(upstreamUrl, dir, children);
    const { rps, cpu } = await throughput(arms);
    report(
      { UPSTREAM, CONNECTIONS, DURATION, ROUNDS, HAS_TASKSET, COMPARE_WITH },
      rps,
      cpu,
      await latency(arms, rps, passThrough),
      records,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

// gc.js runs the same upstream, gateway config and arms.
module.exports = { run, startUpstream, writeGatewayConfig, gatewayArms, load };
