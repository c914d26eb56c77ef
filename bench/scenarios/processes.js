// What the load scenarios share: the built gateway, its bench API key and the DURATION and ROUNDS
// knobs, free loopback ports, processes pinned to a CPU, waiting for a process to answer, and
// closed-loop load in interleaved rounds.
const { spawn, spawnSync } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { join } = require('node:path');
const autocannon = require('autocannon');

const ROOT = join(__dirname, '..', '..');
/** The built gateway's entry point (dist/, made by `npm run bench`). */
const MAIN = join(ROOT, 'dist', 'main.js');
/** The API key every bench gateway's config accepts. */
const API_KEY = 'bench-api-key-0123456789';
/** Seconds per closed-loop arm, and rounds of every arm (overload.js has its own default). */
const DURATION = Number(process.env.DURATION ?? 8);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Seconds of unmeasured load per arm before the measured rounds (see interleavedRounds). */
const WARMUP = Number(process.env.WARMUP ?? 10);

/** Whether processes can be pinned to a CPU (taskset). */
const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/**
 * Starts a node process in production mode, pinned to `cpus` (e.g. 1 or '1') when taskset exists
 * and cpus is given; its stdout (a gateway's access log) goes to /dev/null unless `stdout` is
 * 'pipe'.
 */
function start(cpus, args, env = {}, stdout = 'ignore') {
  const pinned = HAS_TASKSET && cpus !== undefined && cpus !== null;
  return spawn(
    pinned ? 'taskset' : process.execPath,
    pinned ? ['-c', String(cpus), process.execPath, ...args] : args,
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', stdout, 'inherit'],
    },
  );
}

/** Pins this process (the load generator) to `cpu` when taskset exists. */
function pinSelf(cpu) {
  if (HAS_TASKSET)
    spawnSync('taskset', ['-cp', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

/** Closed-loop load with autocannon (pipelining 1); options name connections and duration. */
function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ pipelining: 1, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** Closed-loop load with `defaults` (e.g. connections and duration) under each arm's options. */
const loadWith = (defaults) => (options) => load({ ...defaults, ...options });

/** A port that was free on 127.0.0.1 a moment ago. */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `count` ports that were free on 127.0.0.1 a moment ago, asked for one after the other. */
async function freePorts(count) {
  const ports = [];
  for (let i = 0; i < count; i += 1) ports.push(await freePort());
  return ports;
}

/** Resolves once `url` answers below 500 (10 s at most). */
async function waitFor(url, init) {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(url, init)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** The middle value of a list of numbers. */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The median of `pick(result)` over each arm's rounds, by arm name (interleavedRounds' results). */
const medianOf = (results, pick) =>
  Object.fromEntries(Object.entries(results).map(([name, list]) => [name, median(list.map(pick))]));

/**
 * Warms every arm up (WARMUP s, default 10: on the 2-core development machine a gateway's JIT
 * needs about 10 s of load to reach steady throughput, and a node-soap server about 8 s), then runs `rounds` rounds of every arm one after the other, so a
 * noisy moment hits all arms alike. Any non-2xx answer or error fails the run. Returns the
 * autocannon results of each arm, by name, in round order.
 */
async function interleavedRounds(arms, rounds, loadArm) {
  for (const { pid: _pid, ...arm } of Object.values(arms))
    await loadArm({ ...arm, duration: WARMUP });
  const results = Object.fromEntries(Object.keys(arms).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, { pid, ...arm }] of Object.entries(arms)) {
      const before = cpuMsOf(pid);
      const result = await loadArm(arm);
      const after = cpuMsOf(pid);
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      if (before !== undefined && after !== undefined && result.requests.total > 0)
        result.cpuUsPerRequest = ((after - before) * 1000) / result.requests.total;
      results[name].push(result);
    }
  }
  return results;
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/**
 * CPU time a process has used (user + system, all its threads: JIT and GC included), in ms, from
 * /proc; undefined without a pid or /proc. An arm with a `pid` (its server process) gets the CPU
 * its server spent per request (`cpuUsPerRequest`): the cost itself, which a busy shared machine
 * disturbs far less than requests per second.
 */
function cpuMsOf(pid) {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/**
 * The young (`minor`) and full (`major`) collections a gateway has made so far, and the seconds
 * they paused it, from its own /metrics (prom-client's `nodejs_gc_duration_seconds`): the
 * gateway at `origin` (e.g. http://127.0.0.1:8080).
 */
async function gatewayGcOf(origin) {
  const rows = (await (await fetch(`${origin}/metrics`)).text()).split('\n');
  const read = (suffix, kind) => {
    const line = rows.find((row) =>
      row.startsWith(`joblog_gateway_nodejs_gc_duration_seconds_${suffix}{kind="${kind}"}`),
    );
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return Object.fromEntries(
    ['minor', 'major'].map((kind) => [
      kind,
      { count: read('count', kind), seconds: read('sum', kind) },
    ]),
  );
}

/** Context switches (voluntary and not) of all a process's threads so far; NaN without /proc. */
function contextSwitchesOf(pid) {
  try {
    let total = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const status = readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
      for (const match of status.matchAll(/ctxt_switches:\s+(\d+)/g)) total += Number(match[1]);
    }
    return total;
  } catch {
    return NaN;
  }
}

module.exports = {
  API_KEY,
  contextSwitchesOf,
  cpuMsOf,
  gatewayGcOf,
  DURATION,
  HAS_TASKSET,
  MAIN,
  ROOT,
  ROUNDS,
  WARMUP,
  freePort,
  freePorts,
  interleavedRounds,
  load,
  loadWith,
  median,
  medianOf,
  pinSelf,
  start,
  waitFor,
};
