import { codes } from './codes';
import type { Problem } from '../schemas/types/problem';
import type { GatewayError } from './gateway-error';

/** An RFC 9457 problem details object with the gateway's extensions (schemas/problem.schema.json). */
export type { Problem };

export interface ProblemContext {
  /** Public base URL of the gateway; problem types are `<base>/problems/<slug>`. */
  readonly baseUrl: string;
  readonly requestId?: string;
}

/** The media type of problem documents (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Renders a GatewayError as an RFC 9457 problem object; the one place JSON error bodies are made. */
export function toProblem(error: GatewayError, context: ProblemContext): Problem {
  const spec = codes[error.code];
  const upstream = error.upstream;
  return {
    type: `${context.baseUrl}/problems/${spec.slug}`,
    title: spec.title,
    status: spec.status,
    detail: error.message.slice(0, 8192),
    ...(context.requestId === undefined
      ? {}
      : {
          instance: `urn:joblog-gateway:request:${context.requestId}`,
          requestId: context.requestId,
        }),
    code: error.code,
    ...(error.source === undefined ? {} : { source: error.source }),
    ...(error.parameter === undefined ? {} : { parameter: error.parameter }),
    ...(upstream === undefined
      ? {}
      : {
          upstream: {
            ...(upstream.status === undefined ? {} : { status: upstream.status }),
            ...(upstream.code === undefined ? {} : { code: upstream.code }),
            ...(upstream.message === undefined ? {} : { message: upstream.message }),
          },
        }),
    ...(error.errors === undefined ? {} : { errors: error.errors.slice(0, 20) }),
  };
}
