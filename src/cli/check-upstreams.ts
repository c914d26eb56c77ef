import type { Logger } from 'pino';
import type { Config } from '../config/load';
import { escapeAttribute, escapeText, replaceForbiddenXmlChars } from '../codec/escape';
import { createGatewayCore } from '../joblogs/core';
import { EXIT, type ReportFormat } from './validate';

/** What one source answered to a reachability probe and a small sample read. */
export interface UpstreamCheck {
  readonly source: string;
  readonly type: string;
  readonly reachable: boolean;
  readonly latencyMs: number;
  /** Records read and valid in the sample. */
  readonly records: number;
  /** Records that failed their native or the unified schema: contract drift. */
  readonly violations: ReadonlyArray<{ readonly pointer: string; readonly message: string }>;
  readonly error?: { readonly code: string; readonly message: string };
  readonly ok: boolean;
}

/**
 * Checks every configured source the way the gateway uses it: a probe, then a read of the
 * newest `sample` records validated against the native and unified schemas. A failed read or a
 * record that no longer matches its schema is reported, never hidden.
 */
export async function checkUpstreams(
  config: Readonly<Config>,
  options: { readonly logger: Logger; readonly sample: number; readonly timeoutMs?: number },
): Promise<UpstreamCheck[]> {
  const { service, close } = createGatewayCore(config);
  try {
    const context = () => ({
      signal: new AbortController().signal,
      deadline: Date.now() + (options.timeoutMs ?? config.server.requestTimeoutMs),
      requestId: 'check-upstreams',
      logger: options.logger,
    });
    const checks: UpstreamCheck[] = [];
    for (const health of await service.health(context())) {
      const base = {
        source: health.id,
        type: health.type,
        reachable: health.ok,
        latencyMs: health.latencyMs,
      };
      try {
        const result = await service.list(
          { sources: [health.id], query: { limit: options.sample } },
          context(),
        );
        const violations = result.invalid.flatMap(({ records }) =>
          records.map(({ pointer, message }) => ({ pointer, message })),
        );
        checks.push({
          ...base,
          records: result.items.length,
          violations,
          ok: health.ok && violations.length === 0,
        });
      } catch (error) {
        const { code, message, errors } = error as {
          code?: string;
          message?: string;
          errors?: UpstreamCheck['violations'];
        };
        checks.push({
          ...base,
          records: 0,
          violations: errors ?? [],
          error: { code: code ?? 'GW_ERR_INTERNAL', message: message ?? String(error) },
          ok: false,
        });
      }
    }
    return checks;
  } finally {
    await close();
  }
}

/** Renders upstream checks as text, JSON or JUnit XML (one test case per source). */
export function formatChecks(checks: readonly UpstreamCheck[], format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify({ sources: checks }, null, 2)}\n`;
  const problemOf = (check: UpstreamCheck): string =>
    [
      ...(check.reachable ? [] : ['not reachable']),
      ...(check.error === undefined ? [] : [`${check.error.code}: ${check.error.message}`]),
      ...check.violations.map((v) => `${v.pointer}: ${v.message}`),
    ].join('\n');
  if (format === 'junit') {
    const cases = checks.map((check) => {
      const name = escapeAttribute(`${check.source} (${check.type})`);
      if (check.ok)
        return `  <testcase classname="check-upstreams" name="${name}" time="${(check.latencyMs / 1000).toFixed(3)}"/>`;
      const text = replaceForbiddenXmlChars(problemOf(check));
      return `  <testcase classname="check-upstreams" name="${name}"><failure message="${escapeAttribute(text.split('\n')[0] ?? '')}">${escapeText(text)}</failure></testcase>`;
    });
    const failures = checks.filter((check) => !check.ok).length;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="joblog-gateway check-upstreams" tests="${checks.length}" failures="${failures}">\n${cases.join('\n')}\n</testsuite>\n`;
  }
  return checks
    .map((check) =>
      check.ok
        ? `OK   ${check.source} (${check.type}): reachable in ${check.latencyMs} ms, ${check.records} record(s) valid\n`
        : `FAIL ${check.source} (${check.type})\n${problemOf(check)
            .split('\n')
            .map((line) => `  ${line}\n`)
            .join('')}`,
    )
    .join('');
}

/** 0 when every source is reachable, readable and matches its schemas; 1 otherwise. */
export function exitCodeOfChecks(checks: readonly UpstreamCheck[]): number {
  return checks.every((check) => check.ok) ? EXIT.ok : EXIT.invalid;
}
