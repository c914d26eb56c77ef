// Export: 100,000 Losant records through GET /v1/job-logs/export (NDJSON and CSV) with the
// gateway's RSS sampled from /proc every 100 ms: memory must stay bounded whatever the count
// (issue "streaming export": growth under 64 MB). Three processes: this file run directly is the
// upstream (Losant pages made on the fly, honouring the runQueuedAt range the gateway pushes down,
// so that page after page reads the next records, not the first ones again); the gateway is
// dist/main.js serve with a config file; the client here streams the export and counts lines.
const { writeFileSync, mkdtempSync, readFileSync } = require('node:fs');
const { request, createServer } = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { setInterval, clearInterval } = require('node:timers');
const { URL } = require('node:url');
const { API_KEY, freePorts, MAIN, start, waitFor } = require('./processes');

const RECORDS = Number(process.env.EXPORT_RECORDS ?? 100_000);
const APPLICATION = '575ec8687ae143cd83dc4a97';
const GROWTH_TARGET_MB = 64;
/** The newest record's runQueuedAt; each older one is a second earlier (no two share a time). */
const NEWEST = Date.parse('2026-03-01T12:00:00.000Z');

/** Record `i` (0 = newest), shaped as bench/fixtures.js's Losant records (losant-job-log schema). */
function losantRecord(i) {
  const queued = NEWEST - i * 1000;
  const hex = i.toString(16).padStart(8, '0');
  const errored = i % 5 === 4;
  return {
    applicationId: APPLICATION,
    id: `684a1b0e7ae143cd${hex}`,
    input: { end: 1749686400000, start: 1749600000000 },
    jobExecutionId: `684a1b0e7ae143ce${hex}`,
    jobId: '575ec76c7ae143cd83dc4a96',
    name: 'ArchiveData',
    ...(errored
      ? { error: { message: 'Data table archive failed: bucket not writable' } }
      : { output: { eventsDirectory: `archive/${APPLICATION}/events/${hex}` } }),
    ownerId: APPLICATION,
    ownerType: 'application',
    progress: { completed: 10, total: 10 },
    requestedByType: 'system',
    resourceId: APPLICATION,
    resourceType: 'application',
    runCompletedAt: new Date(queued + 461_118).toISOString(),
    runQueuedAt: new Date(queued).toISOString(),
    runStartedAt: new Date(queued + 2_512).toISOString(),
    status: errored ? 'errored' : 'completed',
  };
}

/** The upstream: GET /applications/<id>/jobLogs?page&perPage&query={"runQueuedAt":{$gte,$lt}}. */
function serveUpstream(port) {
  createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const range = JSON.parse(url.searchParams.get('query') ?? '{}').runQueuedAt ?? {};
    const unknown = Object.keys(range).filter((op) => op !== '$lt' && op !== '$gte');
    if (!url.pathname.endsWith('/jobLogs') || unknown.length > 0) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'Validation', message: `unsupported ${unknown.join(',')}` }));
      return;
    }
    // Indexes [first, last] hold the records inside the range, newest first.
    const first =
      range.$lt === undefined ? 0 : Math.floor((NEWEST - Date.parse(range.$lt)) / 1000) + 1;
    const last =
      range.$gte === undefined ? RECORDS - 1 : Math.floor((NEWEST - Date.parse(range.$gte)) / 1000);
    const from = Math.max(0, first);
    const totalCount = Math.max(0, Math.min(RECORDS - 1, last) - from + 1);
    const page = Number(url.searchParams.get('page') ?? 0);
    const perPage = Number(url.searchParams.get('perPage') ?? 100);
    const start = page * perPage;
    const items = [];
    for (let k = start; k < Math.min(totalCount, start + perPage); k += 1)
      items.push(losantRecord(from + k));
    const body = JSON.stringify({
      applicationId: APPLICATION,
      count: items.length,
      items,
      page,
      perPage,
      sortDirection: 'desc',
      sortField: 'runQueuedAt',
      totalCount,
    });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }).listen(port, '127.0.0.1');
}

/**
 * The live heap after each full GC of a process run with --trace-gc (V8 prints
 * `Mark-Compact <before> (<committed>) -> <after> (<committed>) MB` on stdout), in MB, oldest
 * first: what the process still holds, apart from the garbage RSS also counts until V8 collects it.
 */
function liveHeapAfterFullGcs(child) {
  const live = [];
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    const lines = (rest + text).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      const match = /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line);
      if (match !== null) live.push(Number(match[1]));
    }
  });
  return live;
}

/** VmRSS of a process, in bytes (Linux). */
function rssOf(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match[1]) * 1024;
}

/** Samples a process's RSS every 100 ms until stopped; returns the peak. */
function sampleRss(pid) {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid));
  };
}

/**
 * Streams a URL and counts its lines by kind; `slow` makes it a slow reader (pauses 5 ms after
 * every chunk), so that the gateway must wait for the socket to drain.
 */
function streamLines(url, { slow = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${API_KEY}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode}`));
      const counts = { lines: 0, other: [], bytes: 0 };
      let rest = '';
      res.setEncoding('utf8');
      res.on('data', (text) => {
        counts.bytes += Buffer.byteLength(text);
        const lines = (rest + text).split('\n');
        rest = lines.pop();
        for (const line of lines) {
          counts.lines += 1;
          // Records start with their id (NDJSON `{"id":`, CSV the id cell); anything else is a header or a report.
          if (!line.startsWith('{"id":') && !line.startsWith('losant-bench.'))
            counts.other.push(line.slice(0, 300));
        }
        if (slow) {
          res.pause();
          setTimeout(() => res.resume(), 5);
        }
      });
      res.on('end', () => resolve({ ...counts, rest }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function run() {
  const [upstreamPort, gatewayPort] = await freePorts(2);
  const dir = mkdtempSync(join(tmpdir(), 'joblog-bench-export-'));
  const configFile = join(dir, 'gateway.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      server: { host: '127.0.0.1', port: gatewayPort, logLevel: 'info' },
      auth: { apiKeys: [{ id: 'bench', key: API_KEY }] },
      sources: [
        {
          id: 'losant-bench',
          type: 'losant',
          baseUrl: `http://127.0.0.1:${upstreamPort}`,
          applicationId: APPLICATION,
          token: 'bench-token',
          perPage: 1000,
          compression: false,
        },
      ],
    }),
  );
  const upstream = start(null, [join(__dirname, 'export.js')], {
    EXPORT_UPSTREAM_PORT: String(upstreamPort),
  });
  const gateway = start(
    null,
    ['--trace-gc', MAIN, 'serve'],
    { GATEWAY_CONFIG: configFile },
    'pipe',
  );
  const fullGcs = liveHeapAfterFullGcs(gateway);
  const base = `http://127.0.0.1:${gatewayPort}`;
  try {
    await waitFor(`http://127.0.0.1:${upstreamPort}/applications/${APPLICATION}/jobLogs`);
    await waitFor(`${base}/healthz`);
    // Warm up: a 1000-record listing and a short export run every code path once.
    const auth = { headers: { authorization: `Bearer ${API_KEY}` } };
    await (await fetch(`${base}/v1/job-logs?limit=1000`, auth)).text();
    await (await fetch(`${base}/v1/job-logs/export?since=2026-03-01T11:00:00Z`, auth)).text();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const arms = [
      ['NDJSON', 'format=ndjson', {}],
      ['CSV', 'format=csv', {}],
      ['NDJSON, slow reader (5 ms pause per chunk)', 'format=ndjson', { slow: true }],
    ];
    const rows = [];
    for (const [name, query, options] of arms) {
      const baseline = rssOf(gateway.pid);
      const liveBefore = fullGcs.at(-1) ?? 0;
      const gcsBefore = fullGcs.length;
      const stop = sampleRss(gateway.pid);
      const began = process.hrtime.bigint();
      const counts = await streamLines(`${base}/v1/job-logs/export?${query}`, options);
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      const peak = stop();
      const header = query === 'format=csv' ? 1 : 0;
      const records = counts.lines - counts.other.length;
      if (records !== RECORDS || counts.other.length !== header || counts.rest !== '')
        throw new Error(
          `${name}: ${records} records, other lines: ${JSON.stringify(counts.other.slice(0, 3))}`,
        );
      const during = fullGcs.slice(gcsBefore);
      rows.push({
        name,
        records,
        seconds,
        bytes: counts.bytes,
        baseline,
        peak,
        liveBefore,
        during,
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `${RECORDS} Losant records (upstream pages of 1000 made on the fly, in its own process), one gateway ` +
        `process (dist/main.js serve, logging at info to /dev/null); the gateway's VmRSS sampled every 100 ms ` +
        `from /proc; growth = peak during the export - RSS just before it (after a warm-up listing and export). ` +
        `Live heap: what V8 still held after each full GC (Mark-Compact, from --trace-gc) during the export, ` +
        `against the last one before it; RSS also counts the garbage V8 lets pile up between full GCs.\n\n`,
    );
    process.stdout.write(
      '| format | records | MB sent | seconds | records/s | RSS before MB | peak MB | growth MB | full GCs | live heap before MB | live heap max MB |\n',
    );
    process.stdout.write('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n');
    for (const row of rows) {
      process.stdout.write(
        `| ${row.name} | ${row.records} | ${mb(row.bytes)} | ${row.seconds.toFixed(1)} | ${Math.round(row.records / row.seconds)} | ${mb(row.baseline)} | ${mb(row.peak)} | ${mb(row.peak - row.baseline)} | ${row.during.length} | ${row.liveBefore.toFixed(1)} | ${row.during.length === 0 ? '-' : Math.max(...row.during).toFixed(1)} |\n`,
      );
    }
    const worst = Math.max(...rows.map((row) => row.peak - row.baseline));
    process.stdout.write(
      `\n| goal | measured | target | met |\n|---|---:|---|---|\n| ${RECORDS} records exported, gateway RSS growth | ${mb(worst)} MB | < ${GROWTH_TARGET_MB} MB | ${worst < GROWTH_TARGET_MB * 1024 * 1024 ? 'yes' : 'no'} |\n`,
    );
  } finally {
    gateway.kill('SIGTERM');
    upstream.kill('SIGTERM');
  }
}

if (require.main === module && process.env.EXPORT_UPSTREAM_PORT !== undefined)
  serveUpstream(Number(process.env.EXPORT_UPSTREAM_PORT));

module.exports = { run };
