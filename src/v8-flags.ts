import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings the gateway runs with, set before anything else is loaded (main.ts imports this
 * module first; cluster workers run main.ts too).
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
 */
export const V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

for (const flag of V8_FLAGS) setFlagsFromString(flag);
