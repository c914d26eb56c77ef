#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by area (a package
// under node_modules, a folder of the gateway's dist/, node's internals, GC, idle).
// Usage: node bench/profile-summary.js <file.cpuprofile> [topN=25]
const { readFileSync } = require('node:fs');

function areaOf(node) {
  const { url, functionName } = node.callFrame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: native, not attributed)';
  if (url === '') return `(native) ${functionName || '(anonymous)'}`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) {
    const parts = url.slice(dist + 1).split('/');
    return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : parts.join('/');
  }
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

function shortUrl(url) {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, '');
}

/**
 * Returns { totalMs, functions: [{ name, ms, share }], areas: [{ area, ms, share }] }. `window`
 * ({ from, to } in µs of the monotonic clock, as process.hrtime.bigint() / 1000n in any process
 * on the machine reads it) keeps only the samples taken under load, leaving out start-up.
 */
function summarize(profile, top = 25, window = undefined) {
  const self = new Map();
  const interval = new Map(profile.nodes.map((node) => [node.id, 0]));
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window !== undefined && (at < window.from || at > window.to)) continue;
    const id = profile.samples[i];
    interval.set(id, interval.get(id) + delta);
  }
  let totalUs = 0;
  for (const node of profile.nodes) totalUs += interval.get(node.id);
  if (totalUs === 0) throw new Error('no samples in the profile (or in its window)');
  const functions = new Map();
  const areas = new Map();
  for (const node of profile.nodes) {
    const us = interval.get(node.id);
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key =
      `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
    const area = areaOf(node);
    areas.set(area, (areas.get(area) ?? 0) + us);
    self.set(node.id, us);
  }
  const rank = (map, label) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ [label]: name, ms: us / 1000, share: us / totalUs }));
  return {
    totalMs: totalUs / 1000,
    functions: rank(functions, 'name'),
    areas: rank(areas, 'area'),
  };
}

/** The summary as two markdown tables. */
function render(summary) {
  const pct = (share) => `${(share * 100).toFixed(1)} %`;
  let out = `Sampled ${(summary.totalMs / 1000).toFixed(1)} s. Self time by area:\n\n| area | ms | share |\n|---|---:|---:|\n`;
  for (const row of summary.areas)
    out += `| ${row.area} | ${row.ms.toFixed(0)} | ${pct(row.share)} |\n`;
  out += `\nSelf time by function (top ${summary.functions.length}):\n\n| function | ms | share |\n|---|---:|---:|\n`;
  for (const row of summary.functions)
    out += `| \`${row.name.replace(/\|/g, '\\|')}\` | ${row.ms.toFixed(0)} | ${pct(row.share)} |\n`;
  return out;
}

module.exports = { summarize, render };

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [topN]\n');
    process.exit(2);
  }
  process.stdout.write(
    render(summarize(JSON.parse(readFileSync(file, 'utf8')), Number(top ?? 25))),
  );
}
