// A preload for finding where a server's tail latency comes from:
//   node -r ./bench/stall-probe.js dist/main.js serve 2> stalls.log
// It writes to stderr, with epoch-ms timestamps to line up with a load generator's slow requests:
//   GC <time> kind <k> <ms>            every garbage collection (perf_hooks kinds: 1 minor,
//                                      4 major, 8 incremental marking, 16 weak callbacks)
//   STALL <time> gap <ms> cpu <ms>     every event-loop turn more than 5 ms late, and how much CPU
//                                      the process used meanwhile: cpu close to gap means the
//                                      process was busy (its own work, GC, or V8's helper threads
//                                      on the same core); cpu near 0, that it was not running.
const { performance, PerformanceObserver } = require('node:perf_hooks');
const { setInterval } = require('node:timers');

const epoch = (t) => (performance.timeOrigin + t).toFixed(0);
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    process.stderr.write(
      `GC ${epoch(entry.startTime)} kind ${entry.detail?.kind} ${entry.duration.toFixed(2)}ms\n`,
    );
  }
}).observe({ entryTypes: ['gc'] });

let last = performance.now();
let lastCpu = process.cpuUsage();
setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage();
  const gap = now - last - 1;
  if (gap > 5) {
    const used = (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000;
    process.stderr.write(`STALL ${epoch(now)} gap ${gap.toFixed(1)}ms cpu ${used.toFixed(1)}ms\n`);
  }
  last = now;
  lastCpu = cpu;
}, 1).unref();
