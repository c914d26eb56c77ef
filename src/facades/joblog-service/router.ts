import { Router, type Request, type Response } from 'express';
import { GatewayError } from '../../errors/gateway-error';
import type { CursorCodec } from '../../joblogs/cursor';
import { createListParamsParser } from '../../joblogs/query';
import type { JobLogService } from '../../joblogs/service';
import { admitCaller } from '../../request/admission';
import { baseUrlOf, callContextOf, localsOf } from '../../request/context';
import type { SchemaRegistry } from '../../schemas/registry';
import {
  isWsSecurityHeader,
  readSoapCredentials,
  type SoapCredentials,
} from '../../soap/credentials';
import { resolveOperation, type SoapOperation } from '../../soap/dispatch';
import {
  buildEnvelope,
  parseEnvelope,
  readEnvelopeHead,
  type SoapMessage,
} from '../../soap/envelope';
import { createParseSlots } from '../../soap/parse-slots';
import type { SoapRequestBody } from '../../soap/request-body';
import type { SoapVersion } from '../../soap/version';
import { sendSoapAnswer, soapPost } from '../soap-post';

import { renderJobLogServiceFault } from './faults';
import { JOBLOG_SERVICE_NS, jobLogServiceCodecs, jobLogServiceSchemas } from './messages';
import { createJobLogServiceOperations, type OperationHandler } from './operations';
import { createJobLogServiceWsdl } from './wsdl';

/** Where the service is served; its WSDL is at `?wsdl`. */
export const JOBLOG_SERVICE_PATH = '/soap/JobLogService';

/**
 * How much of an envelope's head is read to find the WS-Security header before anything else is
 * parsed: a UsernameToken with a Timestamp is one or two kilobytes.
 */
const HEAD_CHARS = 8192;
/** Answers smaller than this are not worth gzipping. */
const GZIP_MIN_BYTES = 1024;

export interface JobLogServiceFacadeOptions {
  readonly service: JobLogService;
  readonly registry: SchemaRegistry;
  /** The JSON API's cursor codec (one per process: its secret signs and verifies). */
  readonly cursors: CursorCodec;
  /** Checks a user of auth.soapUsers in constant time (server/middleware/auth.ts). */
  readonly checkUser: (user: string, password: string) => boolean;
  /** The server-wide body limit. */
  readonly bodyLimitBytes: number;
  /** The SOAP endpoints' limits (config `facades.ips`, shared with the IPS endpoint). */
  readonly limits: { readonly bodyLimitBytes: number; readonly maxUnauthenticatedParses: number };
  readonly xmlMaxDepth: number;
}

/** The credentials a request presented; null when it presented none. */
type Presented = SoapCredentials | null;

/**
 * The gateway's own SOAP service, JobLogService: every source's job logs as unified records, for
 * callers that speak SOAP (document/literal, SOAP 1.1 and 1.2, WSDL at `?wsdl`). Callers
 * authenticate as auth.soapUsers with WS-Security UsernameToken (PasswordText) or HTTP Basic,
 * checked from the envelope's head before its Body is parsed; scopes and rate limits apply as on
 * the JSON API; faults carry the problem (GW_ERR_* code and fields) in their detail.
 */
export function createJobLogServiceFacade(options: JobLogServiceFacadeOptions): Router {
  const router = Router();
  const schemas = jobLogServiceSchemas(options.registry);
  const codecs = jobLogServiceCodecs(schemas);
  const wsdlFor = createJobLogServiceWsdl(schemas);
  const operations = createJobLogServiceOperations({
    service: options.service,
    codecs,
    cursors: options.cursors,
    parseListParams: createListParamsParser(options.registry, options.cursors),
  });
  const bodyLimit = Math.min(options.limits.bodyLimitBytes, options.bodyLimitBytes);
  const xmlLimits = { maxBytes: bodyLimit, maxDepth: options.xmlMaxDepth };
  const unauthenticatedParses = createParseSlots(options.limits.maxUnauthenticatedParses);

  router.get(JOBLOG_SERVICE_PATH, (req, res) => {
    if (req.query.wsdl === undefined)
      throw new GatewayError(
        'GW_ERR_METHOD_NOT_ALLOWED',
        'POST SOAP requests here; GET ?wsdl for the WSDL.',
      );
    res.type('text/xml; charset=utf-8').send(wsdlFor(`${baseUrlOf(req)}${JOBLOG_SERVICE_PATH}`));
  });

  /** Checks the caller and admits them (in-flight caps, rate limit, source scope). */
  async function letIn(res: Response, presented: Presented): Promise<void> {
    if (presented === null || presented.user === '') {
      throw new GatewayError(
        'GW_ERR_UNAUTHENTICATED',
        'The request could not be authenticated: send a WS-Security UsernameToken (PasswordText) or HTTP Basic credentials.',
      );
    }
    if (!options.checkUser(presented.user, presented.password)) {
      throw new GatewayError(
        'GW_ERR_BAD_CREDENTIALS',
        'The request could not be authenticated: invalid user or password.',
      );
    }
    // The soapUsers identity as metrics and logs know it (server/gateway.ts knownCallers).
    localsOf(res).caller = `ips:${presented.user}`;
    await admitCaller(res, { soapUser: presented.user });
  }

  /**
   * The credentials as the envelope's head shows them (its WS-Security header, else Basic), read
   * before the Body or any other header block is parsed; undefined when only the full parse can
   * tell (see readEnvelopeHead).
   */
  async function preRead(
    req: Request,
    version: SoapVersion,
    body: SoapRequestBody,
  ): Promise<Presented | undefined> {
    const read = (text: string): Presented | undefined => {
      const headers = readEnvelopeHead(text, version, {
        blocks: (local) => local === 'Security',
        maxChars: HEAD_CHARS,
        limits: xmlLimits,
      });
      return headers === undefined
        ? undefined
        : (readSoapCredentials(headers, req.get('authorization')) ?? null);
    };
    const head = await body.head(HEAD_CHARS);
    const early = read(head.text);
    if (early !== undefined || head.whole) return early;
    return read(await body.text());
  }

  /** The operation the Body asks for, also named on the request for logs and metrics. */
  function operationOf(res: Response, message: SoapMessage): SoapOperation<OperationHandler> {
    if (message.body.ns !== JOBLOG_SERVICE_NS) {
      throw new GatewayError(
        'GW_ERR_SOAP_UNKNOWN_OPERATION',
        `JobLogService has no operation {${message.body.ns.slice(0, 200)}}${message.body.local.slice(0, 100)}.`,
      );
    }
    const operation = resolveOperation(message.body, message.action, operations);
    localsOf(res).operation = operation.name;
    return operation;
  }

  /**
   * Reads the request, credentials first: a caller the head shows is checked and admitted before
   * the envelope is parsed; any other envelope waits for one of the few slots for
   * unauthenticated parses (soap/parse-slots.ts), as on the IPS endpoint.
   */
  async function receive(
    req: Request,
    res: Response,
    body: SoapRequestBody,
    version: SoapVersion,
  ): Promise<{ message: SoapMessage; operation: SoapOperation<OperationHandler> }> {
    const early = await preRead(req, version, body);
    if (early !== undefined) await letIn(res, early);
    const text = await body.text();
    const parse = (): SoapMessage =>
      parseEnvelope(text, {
        contentType: req.get('content-type'),
        soapAction: req.get('soapaction'),
        limits: xmlLimits,
        understands: isWsSecurityHeader,
      });
    // A caller not checked from the head waits for one of the strangers' parse slots.
    const message = early !== undefined ? parse() : await unauthenticatedParses.run(parse);
    const operation = operationOf(res, message);
    if (early === undefined)
      await letIn(res, readSoapCredentials(message.headers, req.get('authorization')) ?? null);
    return { message, operation };
  }

  async function answer(
    req: Request,
    res: Response,
    body: SoapRequestBody,
    version: SoapVersion,
  ): Promise<void> {
    const { message, operation } = await receive(req, res, body, version);
    const call = callContextOf(req, res);
    const bodyXml = await operation.handler(message.body, {
      req,
      res,
      call: { ...call, logger: call.logger.child({ operation: operation.name }) },
    });
    const envelope = Buffer.from(buildEnvelope(version, bodyXml));
    const compress =
      envelope.length >= GZIP_MIN_BYTES && req.acceptsEncodings('gzip', 'identity') === 'gzip';
    await sendSoapAnswer(res, version, envelope, compress);
  }

  router.post(
    JOBLOG_SERVICE_PATH,
    soapPost({
      bodyLimit,
      prepare: (req, res, version) => {
        // From here on errors are faults in the caller's SOAP version (the error handler renders them).
        const locals = localsOf(res);
        locals.renderFault = (error) =>
          renderJobLogServiceFault(error, version, codecs.fault, {
            baseUrl: baseUrlOf(req),
            requestId: locals.requestId,
          });
        return { req, res, version };
      },
      answer: ({ req, res, version }, body) => answer(req, res, body, version),
    }),
  );

  return router;
}
