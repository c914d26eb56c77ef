import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { dateTimeFormat } from './date-time-format';
import { xmlKeyword } from './xml-keyword';

/** Folder of the published JSON Schemas (same depth from src/ and dist/). */
export const SCHEMAS_DIR = resolve(__dirname, '..', '..', 'schemas');

/** Base URI of every schema $id; a schema's short name is its file name without `.schema.json`. */
export const SCHEMA_BASE = 'https://joblog-gateway.example/schemas/';

export interface ValidatorOptions {
  /**
   * Validates text from a URL: converts it to the schema's scalar types (`coerceTypes: 'array'`)
   * and fills in defaults, changing the data it is given. 2020-12 schemas only.
   */
  readonly coerce?: boolean;
}

export interface SchemaRegistry {
  /** Short names of the loaded schemas (`unified-job-log`, `scene7-ips`, ...). */
  readonly names: readonly string[];
  /** Resolves a short name, `name#/$defs/X`, or absolute URI to a schema object. */
  schema(ref: string): AnySchemaObject;
  /** Returns the validator for a ref, compiling it on first use only. */
  validator<T = unknown>(ref: string, options?: ValidatorOptions): ValidateFunction<T>;
  /** A `{ $ref }` to a schema, so a codec compiled from it resolves inner refs against its document. */
  ref(ref: string): object;
  /** Compiles a schema from outside schemas/ (CLI `--schema <file>`); it may $ref the published ones. */
  compile(schema: AnySchemaObject): ValidateFunction;
  /** Resolves an absolute schema URI (for the codec's `$ref` walk). */
  resolveUri(uri: string): object | undefined;
}

/** Turns a short name or `name#pointer` into an absolute schema URI. */
export function toSchemaUri(ref: string): string {
  if (/^[a-z]+:/i.test(ref)) return ref;
  const [name = '', pointer] = ref.split('#', 2);
  const file = name.endsWith('.json') ? name : `${name}.schema.json`;
  return `${SCHEMA_BASE}${file}${pointer === undefined ? '' : `#${pointer}`}`;
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

type AnyAjv = Ajv | Ajv2020;

function configure<T extends AnyAjv>(ajv: T): T {
  addFormats(ajv);
  // The same date-time check, without the allocations of ajv-formats' (see date-time-format.ts).
  ajv.addFormat('date-time', dateTimeFormat);
  ajv.addKeyword(xmlKeyword);
  return ajv;
}

/**
 * Loads every `*.schema.json` of a folder and compiles validators once, on first use (ajv keeps
 * compile and run apart; so do we). Our schemas are draft 2020-12; an upstream's published
 * draft-07 schema (Losant's) is kept as published and served by a draft-07 ajv beside it.
 */
export function createSchemaRegistry(
  dir: string = SCHEMAS_DIR,
  { allErrors = false }: { readonly allErrors?: boolean } = {},
): SchemaRegistry {
  // allErrors stays off for the gateway: the security notes warn it defeats maxLength/maxItems
  // bounds on untrusted data. The CLI turns it on to report every violation of a CI document.
  const options = { strict: true, allErrors, allowUnionTypes: true, discriminator: true } as const;
  const instances: AnyAjv[] = [configure(new Ajv2020(options)), configure(new Ajv(options))];
  const [ajv2020, ajv07] = instances as [Ajv2020, Ajv];
  const names: string[] = [];
  const ours: AnySchemaObject[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.schema.json')) continue;
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as AnySchemaObject;
    (schema.$schema === DRAFT_07 ? ajv07 : ajv2020).addSchema(schema);
    if (schema.$schema !== DRAFT_07) ours.push(schema);
    names.push(file.slice(0, -'.schema.json'.length));
  }
  const compiled = new Map<string, ValidateFunction>();
  // Coercion changes the data, so it gets its own instance, made only when a caller asks for it.
  let coercing: Ajv2020 | undefined;
  const coercingAjv = (): Ajv2020 => {
    if (coercing === undefined) {
      coercing = configure(new Ajv2020({ ...options, coerceTypes: 'array', useDefaults: true }));
      for (const schema of ours) coercing.addSchema(schema);
    }
    return coercing;
  };

  const find = (
    uri: string,
    among: readonly AnyAjv[] = instances,
  ): ValidateFunction | undefined => {
    for (const ajv of among) {
      try {
        const found = ajv.getSchema(uri);
        if (found !== undefined) return found;
      } catch {
        // not in this instance
      }
    }
    return undefined;
  };

  const schema = (ref: string): AnySchemaObject => {
    const found = find(toSchemaUri(ref));
    if (found === undefined) throw new Error(`Unknown schema: ${ref}`);
    return found.schema as AnySchemaObject;
  };

  return {
    names,
    schema,
    validator<T>(ref: string, { coerce = false }: ValidatorOptions = {}): ValidateFunction<T> {
      const uri = toSchemaUri(ref);
      const key = coerce ? `coerce ${uri}` : uri;
      let validate = compiled.get(key);
      if (validate === undefined) {
        validate = coerce ? find(uri, [coercingAjv()]) : find(uri);
        if (validate === undefined) throw new Error(`Unknown schema: ${ref}`);
        compiled.set(key, validate);
      }
      return validate as ValidateFunction<T>;
    },
    ref: (ref: string) => ({ $ref: toSchemaUri(ref) }),
    compile: (external) => (external.$schema === DRAFT_07 ? ajv07 : ajv2020).compile(external),
    resolveUri: (uri: string) => find(uri)?.schema as object | undefined,
  };
}
