import { codes, type ErrorCode } from './codes';

/** What an upstream said when it refused or failed, kept with the error that reports it. */
export interface UpstreamFailure {
  /** HTTP status the upstream answered with, when it answered. */
  readonly status?: number;
  /** The upstream's own error code (IPS fault code, OData error code, ...). */
  readonly code?: string | number;
  /** The upstream's own error message, trimmed. */
  readonly message?: string;
  /** Kind of upstream fault (`ipsApiFault`, `authenticationFault`, ...), when it has kinds. */
  readonly kind?: string;
}

export interface GatewayErrorOptions {
  /** The configured source the failure concerns. */
  readonly source?: string;
  readonly upstream?: UpstreamFailure;
  /** Seconds after which the caller may retry (503/429). */
  readonly retryAfter?: number;
  /** The parameter at fault, for parameter errors. */
  readonly parameter?: string;
  /** Validation errors to list in the problem body. */
  readonly errors?: ReadonlyArray<{ readonly pointer: string; readonly message: string }>;
  readonly cause?: unknown;
}

/** The one error class of the gateway: a catalogue code, a safe message, and optional context. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  readonly source: string | undefined;
  readonly upstream: UpstreamFailure | undefined;
  readonly retryAfter: number | undefined;
  readonly parameter: string | undefined;
  readonly errors: GatewayErrorOptions['errors'];

  /** Creates an error; `message` is shown to callers, so it must not carry secrets or internals. */
  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = options.source;
    this.upstream = options.upstream;
    this.retryAfter = options.retryAfter;
    this.parameter = options.parameter;
    this.errors = options.errors;
  }

  get status(): number {
    return codes[this.code].status;
  }

  get side(): 'client' | 'server' {
    return codes[this.code].side;
  }

  get title(): string {
    return codes[this.code].title;
  }
}

/** Narrows an unknown thrown value to GatewayError. */
export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** Wraps anything that is not a GatewayError as GW_ERR_INTERNAL, keeping it as the cause. */
export function toGatewayError(value: unknown): GatewayError {
  if (isGatewayError(value)) return value;
  return new GatewayError('GW_ERR_INTERNAL', 'The gateway failed to handle the request.', {
    cause: value,
  });
}
