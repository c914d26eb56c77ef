import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings the gateway runs with, set before anything else is loaded (main.ts imports this
 * module first; cluster workers run main.ts too). A flag given on node's command line wins:
 * `node --heap-growing-percent=100 dist/main.js serve` keeps 100.
 *
 * `--no-allocation-site-pretenuring`: V8 watches which allocation sites' objects survive young
 * collections and, above 85 %, allocates that site's objects straight in the old generation. In a
 * gateway that misfires: at start-up (schemas, codecs) and while requests are in flight at a
 * collection, request-scoped sites look long-lived, get pretenured, and from then on every
 * request's old-generation objects point at its young ones, which survive each young collection
 * until the next full one (measured, bench/RESULTS.md 2026-11-28: with the site of a per-request
 * object pretenured, 3 MB of each 11 MB a collection saw survived, and 20 KB without; the IPS
 * endpoint's CPU per request 7 % lower without pretenuring, in three alternating pairs). The
 * gateway's long-lived state is built once at start and copied once or twice; nothing else it
 * allocates lives long.
 *
 * `--heap-growing-percent=300`: the next full collection comes when the old generation is 4 times
 * what the last one left, not V8's 1.1-2 times for a heap this small. A full collection is the
 * gateway's longest stall: on one core, V8's concurrent marking takes the CPU for 40-130 ms and
 * every request in flight waits (bench/RESULTS.md, 2026-11-28 "third"). The gateway's live heap
 * is about 24 MB, mostly code and module sources, so this costs at most some 70 MB more memory,
 * and a gateway whose cache or connections make its live heap large can set a smaller factor.
 * Measured at 600 IPS requests/s for 60 s: 8 full collections a minute -> 1, p99 10.3 -> 3.9 ms.
 */
export const V8_FLAGS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=300'] as const;

/** The flag's name with V8's two spellings of a name made one (`-` and `_`). */
const nameOf = (flag: string): string =>
  flag
    .replace(/^--(no-)?/, '')
    .split('=')[0]!
    .replaceAll('_', '-');

const given = new Set(process.execArgv.filter((arg) => arg.startsWith('--')).map(nameOf));
for (const flag of V8_FLAGS) if (!given.has(nameOf(flag))) setFlagsFromString(flag);
