import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { asGatewayError } from '../../errors/from-request';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../../errors/to-problem';
import { baseUrlOf, localsOf } from '../../request/context';

/**
 * The JSON error renderer, registered last: problem+json for every GatewayError, GW_ERR_INTERNAL
 * (logged in full, shown without internals) for anything else.
 */
export function problemErrorHandler(logger: Logger, publicUrl: string | undefined) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const gatewayError = asGatewayError(error);
    const requestId = localsOf(res).requestId;
    if (gatewayError.code === 'GW_ERR_INTERNAL')
      logger.error({ err: error, requestId }, 'unhandled error');
    const problem = toProblem(gatewayError, { baseUrl: baseUrlOf(req, publicUrl), requestId });
    if (gatewayError.retryAfter !== undefined)
      res.setHeader('retry-after', String(gatewayError.retryAfter));
    if (problem.status === 401) {
      res.setHeader(
        'www-authenticate',
        gatewayError.code === 'GW_ERR_BAD_CREDENTIALS'
          ? 'Bearer error="invalid_token"'
          : 'Bearer realm="joblog-gateway"',
      );
    }
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
}
