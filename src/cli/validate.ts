import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { escapeAttribute, escapeText, replaceForbiddenXmlChars } from '../codec/escape';
import { createSchemaRegistry, SCHEMA_BASE, SCHEMAS_DIR } from '../schemas/registry';

export type ReportFormat = 'text' | 'json' | 'junit';

export interface FileResult {
  readonly file: string;
  readonly valid: boolean;
  /** Why the file could not be read or parsed, when it could not. */
  readonly error?: string;
  /** A file that could not be read at all (exit 2), as opposed to one that does not parse (exit 1). */
  readonly unreadable?: boolean;
  readonly violations: ReadonlyArray<{ readonly pointer: string; readonly message: string }>;
}

export interface ValidationReport {
  readonly schema: string;
  readonly results: readonly FileResult[];
}

/** Exit codes of `validate` (and `check-upstreams`): 0 all valid, 1 some invalid, 2 could not run. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/**
 * Compiles the schema to validate against: a published schema by short name (`unified-job-log`,
 * `scene7-ips#/$defs/AssetJobLog`, `losant-job-log`) or a schema file, which may `$ref` the
 * published ones. CI reports want every violation, so this registry uses allErrors (documents
 * here are the caller's own, not untrusted traffic).
 */
export function compileForCli(schemaArg: string): ValidateFunction {
  const registry = createSchemaRegistry(SCHEMAS_DIR, { allErrors: true });
  if (
    registry.names.includes(schemaArg.split('#', 1)[0] ?? '') ||
    schemaArg.startsWith(SCHEMA_BASE)
  ) {
    return registry.validator(schemaArg);
  }
  let text: string;
  try {
    text = readFileSync(resolve(schemaArg), 'utf8');
  } catch {
    throw new Error(
      `unknown schema "${schemaArg}": not a published schema (${registry.names.join(', ')}) nor a readable file`,
    );
  }
  return registry.compile(JSON.parse(text) as AnySchemaObject);
}

function readDocument(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml'
    ? parseYaml(text, { maxAliasCount: 100 })
    : (JSON.parse(text) as unknown);
}

function violationsOf(errors: readonly ErrorObject[] | null | undefined): FileResult['violations'] {
  return (errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    const detail =
      error.keyword === 'additionalProperties' ? ` ("${String(params.additionalProperty)}")` : '';
    return {
      pointer: error.instancePath === '' ? '/' : error.instancePath,
      message: `${error.message ?? 'is invalid'}${detail}`,
    };
  });
}

/** Validates each file against the schema; never throws for a bad file, reports it. */
export function validateFiles(schemaArg: string, files: readonly string[]): ValidationReport {
  const validate = compileForCli(schemaArg);
  const results = files.map((file): FileResult => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return {
        file,
        valid: false,
        unreadable: true,
        error: (error as Error).message,
        violations: [],
      };
    }
    let document: unknown;
    try {
      document = readDocument(text, file);
    } catch (error) {
      return {
        file,
        valid: false,
        error: `does not parse: ${(error as Error).message}`,
        violations: [],
      };
    }
    const valid = validate(document);
    return { file, valid, violations: valid ? [] : violationsOf(validate.errors) };
  });
  return { schema: schemaArg, results };
}

/** Renders a report as plain text, JSON, or JUnit XML (one test case per file). */
export function formatReport(report: ValidationReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'junit') {
    const failures = report.results.filter((result) => !result.valid).length;
    const xml = (value: string): string => escapeText(replaceForbiddenXmlChars(value));
    const cases = report.results.map((result) => {
      const name = escapeAttribute(replaceForbiddenXmlChars(result.file));
      if (result.valid)
        return `  <testcase classname="${escapeAttribute(report.schema)}" name="${name}"/>`;
      const message = result.error ?? `${result.violations.length} violation(s)`;
      const body =
        result.error ?? result.violations.map((v) => `${v.pointer}: ${v.message}`).join('\n');
      return `  <testcase classname="${escapeAttribute(report.schema)}" name="${name}"><failure message="${escapeAttribute(replaceForbiddenXmlChars(message))}">${xml(body)}</failure></testcase>`;
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="joblog-gateway validate ${escapeAttribute(report.schema)}" tests="${report.results.length}" failures="${failures}">\n${cases.join('\n')}\n</testsuite>\n`;
  }
  return report.results
    .map((result) => {
      if (result.valid) return `PASS ${result.file}\n`;
      if (result.error !== undefined) return `FAIL ${result.file}: ${result.error}\n`;
      return `FAIL ${result.file}\n${result.violations.map((v) => `  ${v.pointer}: ${v.message}\n`).join('')}`;
    })
    .join('');
}

/** The exit code for a report: 0 every file valid, 1 some invalid, 2 some file unreadable. */
export function exitCodeOf(report: ValidationReport): number {
  if (report.results.some((result) => result.unreadable === true)) return EXIT.usage;
  return report.results.every((result) => result.valid) ? EXIT.ok : EXIT.invalid;
}
