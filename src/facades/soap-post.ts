import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GatewayError } from '../errors/gateway-error';
import { admitRequest } from '../request/admission';
import { localsOf } from '../request/context';
import { discardSoapBody, readSoapBody, type SoapRequestBody } from '../soap/request-body';
import { soapContentType, soapVersionOf, type SoapVersion } from '../soap/version';

const gzipAsync = promisify(gzip);

/**
 * Sends a SOAP answer (200, the version's content type in UTF-8), gzipped when `compress` says
 * so. Written straight to the response: express's res.send would re-parse the content type and
 * check request freshness, which a SOAP POST never uses.
 */
export async function sendSoapAnswer(
  res: Response,
  version: SoapVersion,
  envelope: string | Buffer,
  compress: boolean,
): Promise<void> {
  const body = compress ? await gzipAsync(envelope) : envelope;
  res.statusCode = 200;
  res.setHeader('content-type', `${soapContentType(version)}; charset=utf-8`);
  if (compress) res.setHeader('content-encoding', 'gzip');
  res.setHeader(
    'content-length',
    typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length,
  );
  res.end(body);
}

/** What one SOAP facade adds to the shared POST handling. */
export interface SoapPostHandling<Exchange> {
  /** Largest request body read. */
  readonly bodyLimit: number;
  /**
   * Called first, with the SOAP version the Content-Type announces (1.1 when it announces
   * none): sets how errors render as this facade's faults (`locals.renderFault`) and returns
   * what `answer` needs of the request.
   */
  readonly prepare: (req: Request, res: Response, version: SoapVersion) => Exchange;
  /** Answers a request admitted and with a SOAP media type; its body is read on demand. */
  readonly answer: (exchange: Exchange, body: SoapRequestBody) => Promise<void>;
}

/**
 * The POST handler both SOAP facades share: errors become faults in the caller's SOAP version,
 * the request counts against the in-flight cap (shed with a fault), a non-SOAP media type is
 * refused before a byte of the body is read, and a body refused early (credentials, size,
 * shedding) is drained and dropped.
 */
export function soapPost<Exchange>(handling: SoapPostHandling<Exchange>): RequestHandler {
  const { bodyLimit } = handling;
  return (req: Request, res: Response, next: NextFunction) => {
    const announced = soapVersionOf(req.get('content-type'));
    localsOf(res).protocol = 'soap';
    const exchange = handling.prepare(req, res, announced ?? '1.1');
    let body: SoapRequestBody;
    try {
      admitRequest(res);
      if (announced === undefined) {
        throw new GatewayError(
          'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
          'SOAP requests must be text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2).',
        );
      }
      body = readSoapBody(req, { limit: bodyLimit });
    } catch (error) {
      discardSoapBody(req, res, bodyLimit);
      next(error);
      return;
    }
    handling.answer(exchange, body).catch((error: unknown) => {
      // Refused before the whole body was read (credentials, size, shedding): drop the rest.
      body.abandon(res);
      next(error);
    });
  };
}
