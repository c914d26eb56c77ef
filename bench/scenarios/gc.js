// The garbage collector under load (issue "The gateway's own cost"): each gateway arm under
// `node --trace-gc-nvp` (V8's per-collection figures on stdout), against the canned IPS upstream
// of the proxy scenario, this checkout and COMPARE_WITH one after the other. Reports, over the
// DURATION s after a WARMUP s warm-up: young collections (scavenges) per 1000 requests, the share
// of wall time they paused the gateway, and what survived each: a gateway's request objects die
// with their request, so what survives is what V8 could not tell was dead (bench/RESULTS.md,
// 2026-11-28). Also the context switches of all the gateway's threads per request (Linux /proc),
// which the logger's writes once added to. Not a timed test; run `npm run bench -- gc`.
const { mkdtempSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const {
  contextSwitchesOf,
  DURATION,
  freePort,
  MAIN,
  pinSelf,
  start,
  waitFor,
  WARMUP,
} = require('./processes');
const proxy = require('./proxy');

const COMPARE_WITH = process.env.COMPARE_WITH;
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const ARMS = (process.env.GC_ARMS ?? 'healthz,ips,json').split(',');

const FIELDS = {
  pause: / pause=([0-9.]+)/,
  allocated: / allocated=([0-9.]+)/,
  survived: / new_space_survived=([0-9.]+)/,
};

/** The scavenges in a --trace-gc-nvp output: pause (ms), bytes allocated since the last, survived. */
function scavengesOf(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.includes(' gc=s ')) continue;
    const field = (name) => Number(FIELDS[name].exec(line)?.[1] ?? NaN);
    out.push({ pause: field('pause'), allocated: field('allocated'), survived: field('survived') });
  }
  return out;
}

async function measure(main, label, arm, upstreamUrl, root) {
  const port = await freePort();
  const dir = join(root, `${label}-${arm}`);
  mkdirSync(dir);
  const config = proxy.writeGatewayConfig(dir, port, upstreamUrl);
  const gateway = start(1, ['--trace-gc-nvp', main, 'serve'], { GATEWAY_CONFIG: config }, 'pipe');
  let output = '';
  gateway.stdout.on('data', (chunk) => {
    output += chunk.toString('latin1');
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/healthz`);
    const options = proxy.gatewayArms(port)[arm];
    await proxy.load({ ...options, connections: CONNECTIONS, duration: WARMUP });
    output = '';
    const switchesBefore = contextSwitchesOf(gateway.pid);
    const result = await proxy.load({ ...options, connections: CONNECTIONS, duration: DURATION });
    const switches = contextSwitchesOf(gateway.pid) - switchesBefore;
    const scavenges = scavengesOf(output);
    const sum = (pick) => scavenges.reduce((total, s) => total + pick(s), 0);
    const requests = result.requests.total;
    return {
      label,
      arm,
      rps: result.requests.average,
      perThousand: (scavenges.length * 1000) / requests,
      pauseShare: sum((s) => s.pause) / (DURATION * 1000),
      survivedKb: sum((s) => s.survived) / scavenges.length / 1024,
      survivedShare: sum((s) => s.survived) / sum((s) => s.allocated),
      switchesPerRequest: switches / requests,
    };
  } finally {
    gateway.kill('SIGTERM');
  }
}

async function run() {
  pinSelf(0);
  const root = mkdtempSync(join(tmpdir(), 'joblog-bench-gc-'));
  const upstreamPort = await freePort();
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}/scene7/services/IpsApiService`;
  const upstream = await proxy.startUpstream(upstreamPort);
  const gateways = [['this checkout', MAIN]];
  if (COMPARE_WITH !== undefined)
    gateways.push(['COMPARE_WITH', join(COMPARE_WITH, 'dist', 'main.js')]);
  const rows = [];
  try {
    for (const arm of ARMS)
      for (const [label, main] of gateways)
        rows.push(await measure(main, label, arm, upstreamUrl, root));
  } finally {
    upstream.kill('SIGTERM');
  }
  process.stdout.write(
    `Canned IPS upstream (CPU 0), each gateway alone on CPU 1 under node --trace-gc-nvp, ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${DURATION} s measured.\n\n`,
  );
  process.stdout.write(
    '| arm | gateway | req/s | scavenges per 1000 requests | wall time paused by scavenges | survived per scavenge | survived / allocated | context switches per request |\n|---|---|---:|---:|---:|---:|---:|---:|\n',
  );
  for (const row of rows)
    process.stdout.write(
      `| ${row.arm} | ${row.label} | ${row.rps.toFixed(0)} | ${row.perThousand.toFixed(1)} | ${(row.pauseShare * 100).toFixed(1)} % | ${row.survivedKb.toFixed(0)} KB | ${(row.survivedShare * 100).toFixed(1)} % | ${row.switchesPerRequest.toFixed(2)} |\n`,
    );
}

module.exports = { run };
