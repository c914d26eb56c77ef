import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { SCHEMAS_DIR } from '../schemas/registry';
import type { Config } from '../schemas/types/config';
import { xmlKeyword } from '../schemas/xml-keyword';
import { readEnvOverrides } from './env';

export type { Config };

/** A configuration that cannot be used; `problems` names every bad field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

// A config-only ajv: allErrors so one run lists every problem (config is trusted and small, so
// the security note against allErrors does not apply), useDefaults to fill documented defaults.
let validateConfigSchema: ReturnType<Ajv2020['compile']> | undefined;
function configValidator(): ReturnType<Ajv2020['compile']> {
  if (validateConfigSchema === undefined) {
    const ajv = new Ajv2020({
      allErrors: true,
      useDefaults: true,
      discriminator: true,
      strict: true,
    });
    addFormats(ajv);
    ajv.addKeyword(xmlKeyword);
    const schema = JSON.parse(readFileSync(`${SCHEMAS_DIR}/config.schema.json`, 'utf8')) as object;
    validateConfigSchema = ajv.compile(schema);
  }
  return validateConfigSchema;
}

function describe(error: ErrorObject): string {
  const where = `config${error.instancePath.replace(/\//g, '.')}`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties')
    return `${where}: unknown key "${String(params.additionalProperty)}"`;
  if (error.keyword === 'required')
    return `${where}: missing required key "${String(params.missingProperty)}"`;
  if (error.keyword === 'enum')
    return `${where}: ${error.message} (${JSON.stringify(params.allowedValues)})`;
  return `${where}: ${error.message ?? 'is invalid'}`;
}

function interpolate(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
  problems: string[],
): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const found = env[name];
      if (found === undefined) {
        problems.push(`${path}: environment variable ${name} is not set`);
        return '';
      }
      return found;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => interpolate(item, env, `${path}.${index}`, problems));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: interpolate(item, env, `${path}.${key}`, problems),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function crossChecks(config: Config): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  config.sources.forEach((source, index) => {
    if (seen.has(source.id))
      problems.push(`config.sources.${index}.id: duplicate source id "${source.id}"`);
    seen.add(source.id);
  });
  const ips = config.facades.ips;
  if (
    ips.source !== undefined &&
    !config.sources.some((source) => source.id === ips.source && source.type === 'scene7')
  ) {
    problems.push(`config.facades.ips.source: no scene7 source named "${ips.source}"`);
  }
  problems.push(...watchChecks(config, seen));
  return problems;
}

/** The watcher's and the webhooks' references and limits (their URLs and secrets: at start). */
function watchChecks(config: Config, sourceIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const unknownSources = (path: string, ids: readonly string[] | undefined): void => {
    ids?.forEach((id, index) => {
      if (!sourceIds.has(id)) problems.push(`${path}.${index}: no source named "${id}"`);
    });
  };
  const watch = config.watch;
  if (watch !== undefined) {
    unknownSources('config.watch.sources', watch.sources);
    if (watch.lookbackMs < 2 * watch.intervalMs)
      problems.push(
        'config.watch.lookbackMs: must be at least twice watch.intervalMs, or records that arrive late are missed',
      );
  }
  const names = new Set<string>();
  config.webhooks.forEach((hook, index) => {
    if (names.has(hook.name))
      problems.push(`config.webhooks.${index}.name: duplicate webhook name "${hook.name}"`);
    names.add(hook.name);
    unknownSources(`config.webhooks.${index}.sources`, hook.sources);
  });
  // (Webhooks alone have turned the watcher on: buildConfig gave them a `watch`.)
  if (watch !== undefined && config.redis === undefined && config.server.workers > 1)
    problems.push(
      'config.watch: with several workers the watch state must be shared: configure redis (the state file serves one process)',
    );
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/**
 * Builds the configuration: defaults <- file object <- environment, validated against
 * schemas/config.schema.json, then deep-frozen. Throws ConfigError naming every bad field.
 */
export function buildConfig(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>> = {},
): Readonly<Config> {
  const problems: string[] = [];
  const base = raw === undefined || raw === null ? {} : raw;
  if (typeof base !== 'object' || Array.isArray(base))
    throw new ConfigError(['config: must be an object']);
  const merged = interpolate(base, env, 'config', problems) as Record<string, unknown>;
  for (const override of readEnvOverrides(env)) {
    if ('problem' in override) problems.push(override.problem);
    else setPath(merged, override.path, override.value);
  }
  // Missing variables and bad overrides first: schema errors about their blanks would be noise.
  if (problems.length > 0) throw new ConfigError(problems);
  // Webhooks need the watcher: they turn it on with its defaults.
  if (Array.isArray(merged.webhooks) && merged.webhooks.length > 0 && merged.watch === undefined)
    merged.watch = {};
  const validate = configValidator();
  if (!validate(merged)) problems.push(...(validate.errors ?? []).map(describe));
  if (problems.length > 0) throw new ConfigError(problems);
  const config = merged as unknown as Config;
  const cross = crossChecks(config);
  if (cross.length > 0) throw new ConfigError(cross);
  return deepFreeze(config);
}

/** Reads a YAML or JSON config file and builds the configuration from it and the environment. */
export function loadConfigFile(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Config> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`cannot read config file ${file}: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError([`cannot parse config file ${file}: ${(error as Error).message}`]);
  }
  return buildConfig(raw, env);
}
