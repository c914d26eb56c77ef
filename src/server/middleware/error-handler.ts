import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { asGatewayError } from '../../errors/from-request';
import type { GatewayError } from '../../errors/gateway-error';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../../errors/to-problem';
import { baseUrlOf, localsOf } from '../../request/context';

function sendProblem(
  error: GatewayError,
  req: Request,
  res: Response,
  publicUrl: string | undefined,
): void {
  const problem = toProblem(error, {
    baseUrl: baseUrlOf(req, publicUrl),
    requestId: localsOf(res).requestId,
  });
  if (problem.status === 401) {
    res.setHeader(
      'www-authenticate',
      error.code === 'GW_ERR_BAD_CREDENTIALS'
        ? 'Bearer error="invalid_token"'
        : 'Bearer realm="joblog-gateway"',
    );
  }
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * The one error renderer, registered last. It picks the body by the protocol the route set:
 * a SOAP facade's fault (in the caller's SOAP version) or problem+json. Anything that is not a
 * GatewayError becomes GW_ERR_INTERNAL, logged in full and shown without internals; upstream
 * failures are logged at warn; the caller's own mistakes only reach the access log.
 */
export function errorHandler(logger: Logger, publicUrl: string | undefined) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const gatewayError = asGatewayError(error);
    const locals = localsOf(res);
    const bindings = { requestId: locals.requestId, code: gatewayError.code };
    if (gatewayError.code === 'GW_ERR_INTERNAL')
      logger.error({ ...bindings, err: error }, 'unhandled error');
    else if (gatewayError.side === 'server')
      logger.warn({ ...bindings, source: gatewayError.source }, gatewayError.message);
    if (gatewayError.retryAfter !== undefined)
      res.setHeader('retry-after', String(gatewayError.retryAfter));
    if (locals.protocol === 'soap' && locals.renderFault !== undefined) {
      const fault = locals.renderFault(gatewayError);
      res.status(fault.status).type(fault.contentType).send(fault.body);
      return;
    }
    sendProblem(gatewayError, req, res, publicUrl);
  };
}
