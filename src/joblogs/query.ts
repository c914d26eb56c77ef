import { GatewayError } from '../errors/gateway-error';
import { UNIFIED_STATUSES, type UnifiedStatus } from '../contract';
import { decodeCursor, fingerprintOf } from './cursor';
import type { JobLogListRequest } from './service';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const KNOWN_PARAMS = new Set([
  'source',
  'status',
  'since',
  'until',
  'assetHandle',
  'limit',
  'cursor',
]);
// RFC 3339 date-time with a mandatory offset; Date.parse alone accepts far too much.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

function invalid(parameter: string, message: string): GatewayError {
  return new GatewayError('GW_ERR_INVALID_PARAMETER', message, { parameter });
}

function single(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(name, `Give "${name}" once, as plain text.`);
  return value;
}

function list(params: Readonly<Record<string, unknown>>, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((item) =>
    typeof item === 'string' ? item.split(',') : [null],
  );
  if (parts.some((part) => part === null || part.trim() === ''))
    throw invalid(name, `"${name}" must be a comma-separated list of names.`);
  return [...new Set((parts as string[]).map((part) => part.trim()))];
}

function time(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(
      name,
      `"${name}" must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.`,
    );
  }
  return new Date(value).toISOString();
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > MAX_LIMIT) {
    throw invalid('limit', `"limit" must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return limit;
}

function parseStatus(values: string[] | undefined): UnifiedStatus[] | undefined {
  const unknown = values?.find((value) => !(UNIFIED_STATUSES as readonly string[]).includes(value));
  if (unknown !== undefined)
    throw invalid('status', `"status" values are ${UNIFIED_STATUSES.join(', ')}.`);
  return values as UnifiedStatus[] | undefined;
}

/**
 * Parses GET /v1/job-logs query parameters into a list request. Unknown parameters are
 * refused (a typo would otherwise silently widen the result); every problem names its parameter.
 */
export function parseListParams(params: Readonly<Record<string, unknown>>): JobLogListRequest {
  for (const name of Object.keys(params)) {
    if (!KNOWN_PARAMS.has(name))
      throw invalid(name, `Unknown query parameter "${name.slice(0, 64)}".`);
  }
  const limit = parseLimit(single(params, 'limit'));
  const status = parseStatus(list(params, 'status'));
  const since = time(params, 'since');
  const until = time(params, 'until');
  if (since !== undefined && until !== undefined && since >= until)
    throw invalid('until', '"until" must be later than "since".');
  const assetHandle = single(params, 'assetHandle');
  if (assetHandle !== undefined && (assetHandle === '' || assetHandle.length > 512)) {
    throw invalid('assetHandle', '"assetHandle" must be 1 to 512 characters.');
  }
  const sources = list(params, 'source');
  const query = {
    limit,
    ...(status === undefined ? {} : { status }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(assetHandle === undefined ? {} : { assetHandle }),
  };
  const cursor = single(params, 'cursor');
  return {
    ...(sources === undefined ? {} : { sources }),
    query,
    ...(cursor === undefined ? {} : { after: decodeCursor(cursor, fingerprintOf(sources, query)) }),
  };
}
