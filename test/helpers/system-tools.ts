/**
 * The system tools the SOAP tests drive (scripts/ensure-tools.sh installs them): libxml2's
 * xmllint (Debian libxml2-utils) and a python3 that can import zeep (python3-zeep), for the
 * JobLogService and IPS endpoint tests. Both are looked up on PATH, never at a fixed place.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { basename, delimiter, join } from 'node:path';

const INSTALL_HINT = 'run `bash scripts/ensure-tools.sh` (npm test runs it first)';

/** What xmllint --schema said of a document: whether it validates, and its messages. */
export interface Validation {
  readonly valid: boolean;
  readonly messages: string;
}

/** Validates an XML file against an XSD file with libxml2's validator. */
export function xmllintValidate(xsdFile: string, xmlFile: string): Validation {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdFile, xmlFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error !== undefined)
    throw new Error(`xmllint could not run (${run.error.message}): ${INSTALL_HINT}`);
  return { valid: run.status === 0, messages: `${run.stdout}${run.stderr}` };
}

let python: string | undefined;

/**
 * The first `python3` along PATH that can import zeep: the first one on PATH may be a pyenv or
 * venv interpreter without it, while Debian's python3-zeep belongs to the system python3, which
 * is on PATH too. Throws, saying what to install, when there is none.
 */
export function pythonWithZeep(): string {
  if (python !== undefined) return python;
  const tried: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'python3');
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    tried.push(candidate);
    const probe = spawnSync(candidate, ['-c', 'import zeep'], { encoding: 'utf8' });
    if (probe.status === 0) {
      python = candidate;
      return candidate;
    }
  }
  throw new Error(
    `No python3 on PATH can import zeep (tried: ${tried.join(', ') || 'none'}): ${INSTALL_HINT}.`,
  );
}

/**
 * Runs a Python script with the zeep-capable python3 and parses what it prints as JSON; rejects
 * with its stderr when it exits non-zero. Asynchronous, because the gateway the script calls is
 * served from this process.
 */
export function runZeepScript<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(pythonWithZeep(), [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as T);
      else reject(new Error(`${basename(script)} exited with ${code}:\n${stderr}`));
    });
  });
}
