import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { soapVersionOfContentType } from './envelope';
import { ipsApiFault, renderFaultEnvelope } from './faults';
import { applyInjectedFault } from './injected-responses';
import { createAdminRouter, type AdminAppendAnswer } from '../shared/admin';
import type { FaultQueue } from '../shared/injection';
import type { TimerSet } from '../shared/timers';
import type { WireReply } from '../shared/wire-reply';
import { DEFAULT_API_VERSION, isSupportedApiVersion } from './namespaces';
import { readExchange, toRecordedRequest, type IpsExchange } from './request';
import { SERVICE_PATH, type IpsSoapService } from './soap-service';
import { SOAP_CONTENT_TYPE, sendWireReply, shouldGzip, toWireReply } from './transport';
import type { RecordedScene7Request, Scene7Fault } from './types';
import type { IpsWsdl } from './wsdl';

/** What the express layer needs; the emulator owns every piece. */
export interface Scene7AppDeps {
  readonly soap: IpsSoapService;
  readonly wsdl: IpsWsdl;
  readonly faults: FaultQueue<Scene7Fault>;
  readonly timers: TimerSet;
  readonly record: (request: RecordedScene7Request) => void;
  /** This emulator's own service URL, known once it listens. */
  readonly serviceUrl: () => string;
  /** Appends a job log from an admin request's JSON (see append.ts). */
  readonly append: (input: unknown) => AdminAppendAnswer;
  readonly logger: Logger;
}

const WSDL_FILE = /^IpsApi(?:-(.+))?\.wsdl$/;
const MAX_BODY = '1mb';

/**
 * The HTTP face of the emulator: WSDL downloads, the SOAP endpoint (node-soap answers, this
 * layer adds what it cannot: per-version routing, gzip, fault status, injected faults).
 */
export function createScene7App(deps: Scene7AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  // First: needs no IPS credentials, is not recorded, takes no fault (loopback only).
  app.use(createAdminRouter(deps.append));

  app.get(SERVICE_PATH, (req, res) => {
    if (hasQueryKey(req, 'wsdl')) sendWsdl(deps, req, res, DEFAULT_API_VERSION);
    else
      res.status(405).set('Allow', 'POST').type('text/plain').send('POST SOAP here; GET ?wsdl\n');
  });

  // §1.1: /scene7/webservice/IpsApi.wsdl (served in the default version) and IpsApi-<ver>.wsdl.
  app.get('/scene7/webservice/:file', (req, res, next) => {
    const match = WSDL_FILE.exec(String(req.params.file));
    const version = match?.[1] ?? DEFAULT_API_VERSION;
    if (match === null || !isSupportedApiVersion(version)) return next();
    sendWsdl(deps, req, res, version);
  });

  app.post(SERVICE_PATH, express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    const xml = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const exchange = readExchange(xml, {
      contentType: req.get('content-type'),
      soapAction: req.get('soapaction'),
      authorization: req.get('authorization'),
      acceptLanguage: req.get('accept-language'),
    });
    const recorded = toRecordedRequest(exchange);
    deps.record(recorded);
    const produce = (): Promise<WireReply> => answer(deps, exchange, req.get('accept-encoding'));
    const fault = deps.faults.next();
    deps.logger.debug({ ...recorded, injected: fault?.kind }, 'IPS SOAP request');
    if (fault === undefined) {
      sendWireReply(res, await produce());
      return;
    }
    await applyInjectedFault(fault, {
      res,
      version: exchange.version,
      namespace: exchange.namespace,
      operation: exchange.operation ?? '',
      timers: deps.timers,
      produce,
    });
  });

  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found\n');
  });

  // Body-reading failures (too large, bad gzip, aborted) become 30003 in the caller's version;
  // anything else is an emulator bug and answers 30000, as an IPS exception would (§4).
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const version = soapVersionOfContentType(req.get('content-type')) ?? '1.1';
    const bodyError = isBodyParserError(error);
    if (!bodyError) deps.logger.error({ err: error }, 'Scene7 emulator failed');
    const fault = bodyError
      ? ipsApiFault(30003, 'The request body could not be read')
      : ipsApiFault(30000, 'Internal server error');
    if (res.headersSent) return res.destroy();
    sendWireReply(res, {
      status: 500,
      headers: { 'Content-Type': SOAP_CONTENT_TYPE[version] },
      body: Buffer.from(renderFaultEnvelope(fault, version), 'utf8'),
    });
  });
  return app;
}

async function answer(
  deps: Scene7AppDeps,
  exchange: IpsExchange,
  acceptEncoding: string | undefined,
): Promise<WireReply> {
  const reply = await deps.soap.answer(exchange);
  const gzip = shouldGzip(exchange.options.gzipResponse, acceptEncoding);
  return toWireReply(reply, exchange.version, gzip);
}

function sendWsdl(deps: Scene7AppDeps, req: Request, res: Response, apiVersion: string): void {
  const override = new URL(req.originalUrl, 'http://emulator').searchParams.get('serviceUrl');
  if (override !== null && !isHttpUrl(override)) {
    res.status(400).type('text/plain').send('serviceUrl must be an absolute http(s) URL\n');
    return;
  }
  res
    .status(200)
    .type('text/xml; charset=utf-8')
    .send(deps.wsdl.document(apiVersion, override ?? deps.serviceUrl()));
}

function hasQueryKey(req: Request, key: string): boolean {
  const params = new URL(req.originalUrl, 'http://emulator').searchParams;
  return [...params.keys()].some((name) => name.toLowerCase() === key);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isBodyParserError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}
