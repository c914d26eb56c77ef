/**
 * The catalogue of gateway errors: the only place that decides an HTTP status. Throw sites name a
 * code; the renderers (errors/to-problem.ts, soap/fault.ts) read status, side and title from here.
 * README.md's error table is kept in step with this list by test/unit/errors/catalogue.test.ts.
 */
export interface CodeSpec {
  /** HTTP status for JSON callers (problem+json). */
  readonly status: number;
  /** Who is at fault: decides SOAP Client/Sender vs Server/Receiver. */
  readonly side: 'client' | 'server';
  readonly title: string;
  /** Slug of the problem type URI (`/problems/<slug>`). */
  readonly slug: string;
}

export const codes = {
  GW_ERR_BAD_REQUEST: { status: 400, side: 'client', title: 'Bad request', slug: 'bad-request' },
  GW_ERR_SOAP_MALFORMED: {
    status: 400,
    side: 'client',
    title: 'Malformed SOAP message',
    slug: 'soap-malformed',
  },
  GW_ERR_SOAP_VERSION_MISMATCH: {
    status: 400,
    side: 'client',
    title: 'Unsupported SOAP envelope version',
    slug: 'soap-version-mismatch',
  },
  GW_ERR_SOAP_MUST_UNDERSTAND: {
    status: 400,
    side: 'client',
    title: 'Header block not understood',
    slug: 'soap-must-understand',
  },
  GW_ERR_SOAP_UNKNOWN_OPERATION: {
    status: 400,
    side: 'client',
    title: 'Unknown SOAP operation',
    slug: 'soap-unknown-operation',
  },
  GW_ERR_SOAP_ACTION_MISMATCH: {
    status: 400,
    side: 'client',
    title: 'SOAPAction does not match the Body',
    slug: 'soap-action-mismatch',
  },
  GW_ERR_MISSING_PARAMETER: {
    status: 400,
    side: 'client',
    title: 'Missing parameter',
    slug: 'missing-parameter',
  },
  GW_ERR_INVALID_PARAMETER: {
    status: 400,
    side: 'client',
    title: 'Invalid parameter',
    slug: 'invalid-parameter',
  },
  GW_ERR_UNAUTHENTICATED: {
    status: 401,
    side: 'client',
    title: 'Authentication required',
    slug: 'unauthenticated',
  },
  GW_ERR_BAD_CREDENTIALS: {
    status: 401,
    side: 'client',
    title: 'Invalid credentials',
    slug: 'bad-credentials',
  },
  GW_ERR_FORBIDDEN: { status: 403, side: 'client', title: 'Not allowed', slug: 'forbidden' },
  GW_ERR_NOT_FOUND: { status: 404, side: 'client', title: 'Not found', slug: 'not-found' },
  GW_ERR_METHOD_NOT_ALLOWED: {
    status: 405,
    side: 'client',
    title: 'Method not allowed',
    slug: 'method-not-allowed',
  },
  GW_ERR_PAYLOAD_TOO_LARGE: {
    status: 413,
    side: 'client',
    title: 'Payload too large',
    slug: 'payload-too-large',
  },
  GW_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    side: 'client',
    title: 'Unsupported media type',
    slug: 'unsupported-media-type',
  },
  GW_ERR_UPSTREAM_REJECTED_QUERY: {
    status: 400,
    side: 'client',
    title: 'Upstream rejected the query',
    slug: 'upstream-rejected-query',
  },
  GW_ERR_REQUEST_TIMEOUT: {
    status: 408,
    side: 'client',
    title: 'Request not received in time',
    slug: 'request-timeout',
  },
  GW_ERR_RATE_LIMITED: {
    status: 429,
    side: 'client',
    title: 'Rate limit exceeded',
    slug: 'rate-limited',
  },
  GW_ERR_CLIENT_CLOSED: {
    status: 499,
    side: 'client',
    title: 'Client closed the request',
    slug: 'client-closed',
  },
  GW_ERR_UPSTREAM_UNREACHABLE: {
    status: 502,
    side: 'server',
    title: 'Upstream unreachable',
    slug: 'upstream-unreachable',
  },
  GW_ERR_UPSTREAM_BAD_RESPONSE: {
    status: 502,
    side: 'server',
    title: 'Upstream sent an invalid response',
    slug: 'upstream-bad-response',
  },
  GW_ERR_UPSTREAM_REJECTED_CREDS: {
    status: 502,
    side: 'server',
    title: 'Upstream rejected the gateway credentials',
    slug: 'upstream-rejected-credentials',
  },
  GW_ERR_UPSTREAM_FAULT: {
    status: 502,
    side: 'server',
    title: 'Upstream reported an error',
    slug: 'upstream-fault',
  },
  GW_ERR_UPSTREAM_THROTTLED: {
    status: 503,
    side: 'server',
    title: 'Upstream throttled',
    slug: 'upstream-throttled',
  },
  GW_ERR_OVERLOADED: {
    status: 503,
    side: 'server',
    title: 'Gateway overloaded',
    slug: 'overloaded',
  },
  GW_ERR_SHUTTING_DOWN: {
    status: 503,
    side: 'server',
    title: 'Gateway shutting down',
    slug: 'shutting-down',
  },
  GW_ERR_SOURCE_UNAVAILABLE: {
    status: 503,
    side: 'server',
    title: 'Source temporarily unavailable',
    slug: 'source-unavailable',
  },
  GW_ERR_UPSTREAM_TIMEOUT: {
    status: 504,
    side: 'server',
    title: 'Upstream timed out',
    slug: 'upstream-timeout',
  },
  GW_ERR_INTERNAL: { status: 500, side: 'server', title: 'Internal error', slug: 'internal' },
} as const satisfies Record<string, CodeSpec>;

export type ErrorCode = keyof typeof codes;

/** Lists every catalogue code, in catalogue order. */
export function allErrorCodes(): ErrorCode[] {
  return Object.keys(codes) as ErrorCode[];
}
