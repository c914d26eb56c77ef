// Latency sampling with microsecond resolution (autocannon's histogram counts whole
// milliseconds, too coarse for a 1 ms goal): one connection back to back, or an open loop at a
// fixed rate whose latencies count from each request's scheduled send time, so a stall shows up
// in p99 instead of delaying the next request (no coordinated omission).
const { Pool } = require('undici');
const { performance } = require('node:perf_hooks');
const { URL } = require('node:url');

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function summarize(samples, errors, seconds) {
  const sorted = Float64Array.from(samples).sort();
  return {
    latencies: sorted,
    count: sorted.length,
    errors,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
  };
}

let counter = 0;
/** A fresh id in place of autocannon's `[<id>]` placeholder, as its idReplacement does. */
const fresh = (text) =>
  text?.includes('[<id>]') ? text.replaceAll('[<id>]', `id${(counter += 1)}`) : text;

async function once(pool, path, request) {
  const response = await pool.request({
    path: fresh(path),
    method: request.method ?? 'GET',
    headers: request.headers,
    body: fresh(request.body),
  });
  await response.body.dump();
  return response.statusCode;
}

/** Requests `request` ({ url, method, headers, body }) back to back on one connection. */
async function sequential(request, seconds) {
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections: 1 });
  const path = url.pathname + url.search;
  const samples = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  try {
    while (performance.now() < end) {
      const started = performance.now();
      const status = await once(pool, path, request);
      if (status >= 300) errors += 1;
      samples.push(performance.now() - started);
    }
  } finally {
    await pool.close();
  }
  return summarize(samples, errors, seconds);
}

/** Sends `rate` requests a second on up to `connections` sockets for `seconds`; ms latencies. */
async function openLoop(request, rate, seconds, connections = 32) {
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections });
  const path = url.pathname + url.search;
  const samples = [];
  let errors = 0;
  const interval = 1000 / rate;
  const total = Math.floor(rate * seconds);
  const start = performance.now() + 10;
  const inflight = [];
  try {
    for (let i = 0; i < total; i += 1) {
      const scheduled = start + i * interval;
      const wait = scheduled - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inflight.push(
        once(pool, path, request).then(
          (status) => {
            if (status >= 300) errors += 1;
            samples.push(performance.now() - scheduled);
          },
          () => {
            errors += 1;
          },
        ),
      );
    }
    await Promise.all(inflight);
  } finally {
    await pool.close();
  }
  return summarize(samples, errors, seconds);
}

module.exports = { sequential, openLoop, percentile };
