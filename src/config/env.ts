/**
 * Environment variables the gateway reads, mapped onto config paths. Only main.ts passes
 * `process.env` in; deep code never reads it. Unknown GATEWAY_* names are refused (a typo would
 * otherwise be silently ignored), and renamed ones say what replaced them (undici's habit).
 */
type Kind = 'string' | 'integer' | 'api-keys';

interface EnvVar {
  readonly path: readonly string[];
  readonly kind: Kind;
}

const ENV_VARS: Readonly<Record<string, EnvVar>> = {
  PORT: { path: ['server', 'port'], kind: 'integer' },
  GATEWAY_HOST: { path: ['server', 'host'], kind: 'string' },
  GATEWAY_PUBLIC_URL: { path: ['server', 'publicUrl'], kind: 'string' },
  GATEWAY_LOG_LEVEL: { path: ['server', 'logLevel'], kind: 'string' },
  GATEWAY_BODY_LIMIT_BYTES: { path: ['server', 'bodyLimitBytes'], kind: 'integer' },
  GATEWAY_XML_MAX_DEPTH: { path: ['server', 'xmlMaxDepth'], kind: 'integer' },
  GATEWAY_REQUEST_TIMEOUT_MS: { path: ['server', 'requestTimeoutMs'], kind: 'integer' },
  GATEWAY_API_KEYS: { path: ['auth', 'apiKeys'], kind: 'api-keys' },
};

/** GATEWAY_* names read elsewhere (main.ts), so not config paths but not unknown either. */
const OTHER_KNOWN = new Set(['GATEWAY_CONFIG']);

const RENAMED: Readonly<Record<string, string>> = {
  GATEWAY_PORT: 'PORT',
  GATEWAY_API_KEY: 'GATEWAY_API_KEYS',
};

/** An environment override: a value for a config path, or a problem with a variable. */
export type EnvOverride =
  | { readonly path: readonly string[]; readonly value: unknown; readonly variable: string }
  | { readonly problem: string };

function parseValue(name: string, spec: EnvVar, raw: string): EnvOverride {
  if (spec.kind === 'integer') {
    if (!/^\d+$/.test(raw.trim()))
      return { problem: `${name} must be a whole number, got "${raw}"` };
    return { path: spec.path, value: Number(raw.trim()), variable: name };
  }
  if (spec.kind === 'api-keys') {
    // `id:key,id2:key2`, env-schema's separator idea; a bare key gets the id "env".
    const keys = raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry, index) => {
        const colon = entry.indexOf(':');
        return colon > 0
          ? { id: entry.slice(0, colon), key: entry.slice(colon + 1) }
          : { id: index === 0 ? 'env' : `env-${index}`, key: entry };
      });
    return { path: spec.path, value: keys, variable: name };
  }
  return { path: spec.path, value: raw, variable: name };
}

/** Reads the known variables from an environment; problems are returned, never thrown. */
export function readEnvOverrides(env: Readonly<Record<string, string | undefined>>): EnvOverride[] {
  const overrides: EnvOverride[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined) continue;
    const spec = ENV_VARS[name];
    if (spec !== undefined) {
      overrides.push(parseValue(name, spec, raw));
      continue;
    }
    if (!name.startsWith('GATEWAY_') || OTHER_KNOWN.has(name)) continue;
    const renamed = RENAMED[name];
    overrides.push({
      problem:
        renamed === undefined
          ? `unknown environment variable ${name} (known: ${[...Object.keys(ENV_VARS), ...OTHER_KNOWN].join(', ')})`
          : `environment variable ${name} is not supported; use ${renamed} instead`,
    });
  }
  return overrides;
}
