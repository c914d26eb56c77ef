import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { asGatewayError } from '../../errors/from-request';
import type { GatewayError } from '../../errors/gateway-error';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../../errors/to-problem';
import { baseUrlOf, localsOf } from '../../request/context';

function sendProblem(error: GatewayError, req: Request, res: Response): void {
  const problem = toProblem(error, {
    baseUrl: baseUrlOf(req),
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
 * Answers a request with an error in the protocol its route set: the SOAP facade's fault (in
 * the caller's SOAP version) or problem+json, with Retry-After when the error has one. The
 * one place error answers are written: the error handler, shutdown and client timeouts use it.
 */
export function sendError(error: GatewayError, req: Request, res: Response): void {
  // The access log logs the error the response reports (see access-log.ts).
  res.err = error;
  if (error.retryAfter !== undefined) res.setHeader('retry-after', String(error.retryAfter));
  const locals = localsOf(res);
  if (locals.protocol === 'soap' && locals.renderFault !== undefined) {
    const fault = locals.renderFault(error);
    res.status(fault.status).type(fault.contentType).send(fault.body);
    return;
  }
  sendProblem(error, req, res);
}

/**
 * The one error renderer, registered last. Anything that is not a GatewayError becomes
 * GW_ERR_INTERNAL, logged in full and shown without internals; upstream failures are logged at
 * warn; the caller's own mistakes only reach the access log. A request the server has already
 * answered (shutdown, client timeout) is left alone: its route failing afterwards is expected.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      if (!res.writableEnded) next(error);
      return;
    }
    const gatewayError = asGatewayError(error);
    const bindings = { requestId: localsOf(res).requestId, code: gatewayError.code };
    if (gatewayError.code === 'GW_ERR_INTERNAL')
      logger.error({ ...bindings, err: error }, 'unhandled error');
    else if (gatewayError.side === 'server')
      logger.warn({ ...bindings, source: gatewayError.source }, gatewayError.message);
    sendError(gatewayError, req, res);
  };
}
