import { Router, type Request, type Response } from 'express';
import type { ErrorCode } from '../../errors/codes';
import { GatewayError } from '../../errors/gateway-error';
import type { JobLogService } from '../../joblogs/service';
import { ipsCodecs, isOperationInVersion } from '../../protocols/ips/codecs';
import { versionOfNamespace, WSDL_DEFAULT_VERSION } from '../../protocols/ips/namespaces';
import { admitCaller, assertSourceAllowed } from '../../request/admission';
import { baseUrlOf, callContextOf, localsOf } from '../../request/context';
import type { SchemaRegistry } from '../../schemas/registry';
import type { Config } from '../../schemas/types/config';
import { resolveOperation, type SoapOperation } from '../../soap/dispatch';
import { buildEnvelope, parseEnvelope, type SoapMessage } from '../../soap/envelope';
import { createParseSlots } from '../../soap/parse-slots';
import type { SoapRequestBody } from '../../soap/request-body';
import type { SoapVersion } from '../../soap/version';
import { sendSoapAnswer, soapPost } from '../soap-post';

import { isIpsAuthHeader, preReadIpsCaller, readIpsCaller, type IpsCaller } from './auth';
import { renderIpsFault } from './faults';
import { createIpsOperations, type IpsOperation } from './operations';
import { checkServiceUrl, createIpsWsdl } from './wsdl';

const SERVICE_PATH = '/scene7/services/IpsApiService';

export interface IpsFacadeOptions {
  readonly service: JobLogService;
  readonly registry: SchemaRegistry;
  /** The scene7 source this endpoint serves. */
  readonly sourceId: string | undefined;
  /** `gateway`: callers are checked here; `passthrough`: their credentials go upstream. */
  readonly credentialsMode: 'gateway' | 'passthrough';
  readonly checkUser: (user: string, password: string) => boolean;
  /** The server-wide body limit: no IPS request is larger (`ips.bodyLimitBytes` is smaller). */
  readonly bodyLimitBytes: number;
  /** The endpoint's own limits, config `facades.ips` (its defaults filled by the config). */
  readonly ips: IpsEndpointLimits;
  readonly xmlMaxDepth: number;
}

/** The endpoint's own limits: config `facades.ips`, as the config schema types them. */
export type IpsEndpointLimits = Readonly<
  Pick<Config['facades']['ips'], 'bodyLimitBytes' | 'maxUnauthenticatedParses'>
>;

/**
 * How much of an envelope's head is read before anything else, and most of the credential
 * blocks parsed to check a caller: an authHeader is a few hundred bytes. Parsing this much costs
 * a few milliseconds at most, where a whole 64 KiB envelope of empty elements costs tens.
 */
const HEAD_CHARS = 8192;

type Credentials = { user: string; password: string };

/** Refused before the message is read: always their own HTTP status (413, 415). */
const TRANSPORT_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'GW_ERR_PAYLOAD_TOO_LARGE',
  'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
]);
/** Shed for load or rate: their own HTTP status (503, 429) unless faultHttpStatusCode is set. */
const SHEDDING: ReadonlySet<ErrorCode> = new Set(['GW_ERR_OVERLOADED', 'GW_ERR_RATE_LIMITED']);

/** Checks the caller's credentials in gateway mode; in passthrough mode only that there are some. */
function authenticate(caller: IpsCaller, options: IpsFacadeOptions): Credentials {
  if (caller.user === undefined || caller.user === '' || caller.password === undefined) {
    throw new GatewayError(
      'GW_ERR_UNAUTHENTICATED',
      'The request could not be authenticated: no credentials were sent.',
    );
  }
  if (options.credentialsMode === 'gateway' && !options.checkUser(caller.user, caller.password)) {
    throw new GatewayError(
      'GW_ERR_BAD_CREDENTIALS',
      'The request could not be authenticated: invalid user or password.',
    );
  }
  return { user: caller.user, password: caller.password };
}

/**
 * The IPS-compatible SOAP endpoint: an unchanged Scene7 IPS client points here. SOAP 1.1 and 1.2
 * answered in kind and in the caller's dated namespace, dispatch on the Body element, IPS
 * authentication and IPS-shaped faults (scene7-ips.md §7). Reads go through the query service.
 */
export function createIpsFacade(options: IpsFacadeOptions): Router {
  const router = Router();
  const wsdlFor = createIpsWsdl();
  const codecs = ipsCodecs(options.registry);
  const authCodecs = { common: codecs.authHeader, versioned: codecs.versionedAuthHeader };
  const operations = new Map<string, SoapOperation<IpsOperation>>(
    createIpsOperations(options.registry, options.service, options.sourceId).map((op) => [
      op.element,
      { name: op.name, element: op.element, handler: op },
    ]),
  );

  const serviceAddress = (req: Request): string =>
    checkServiceUrl(req.query.serviceUrl) ?? `${baseUrlOf(req)}${SERVICE_PATH}`;
  const sendWsdl = (req: Request, res: Response, version: string): void => {
    res.type('text/xml; charset=utf-8').send(wsdlFor(version, serviceAddress(req)));
  };

  router.get(SERVICE_PATH, (req, res) => {
    if (req.query.wsdl === undefined)
      throw new GatewayError(
        'GW_ERR_METHOD_NOT_ALLOWED',
        'POST SOAP requests here; GET ?wsdl for the WSDL.',
      );
    sendWsdl(req, res, WSDL_DEFAULT_VERSION);
  });
  router.get(/^\/scene7\/webservice\/IpsApi-(.+)\.wsdl$/, (req, res) => {
    sendWsdl(req, res, String((req.params as Record<string, string>)[0]));
  });

  const limits = options.ips;
  const bodyLimit = Math.min(limits.bodyLimitBytes, options.bodyLimitBytes);
  const xmlLimits = { maxBytes: bodyLimit, maxDepth: options.xmlMaxDepth };
  const unauthenticatedParses = createParseSlots(limits.maxUnauthenticatedParses);

  /** Per request: what the fault renderer needs to know of the caller so far. */
  interface Exchange {
    readonly req: Request;
    readonly res: Response;
    readonly version: SoapVersion;
    faultStatus?: number;
  }

  /**
   * Authenticates the caller, then admits them (their in-flight cap, rate limit and source
   * scope): the one place a caller is let in, before any upstream work and, when the head
   * showed the credentials, before the Body is parsed.
   */
  async function letIn(exchange: Exchange, ipsCaller: IpsCaller): Promise<Credentials> {
    const { res } = exchange;
    if (ipsCaller.faultHttpStatusCode !== undefined)
      exchange.faultStatus = ipsCaller.faultHttpStatusCode;
    const credentials = authenticate(ipsCaller, options);
    localsOf(res).caller = `ips:${credentials.user}`;
    await admitCaller(res, { soapUser: credentials.user });
    if (options.sourceId !== undefined) assertSourceAllowed(res, options.sourceId);
    return credentials;
  }

  /** The operation the Body asks for, also named on the request for logs and metrics. */
  function resolveIpsOperation(
    res: Response,
    message: SoapMessage,
  ): { operation: SoapOperation<IpsOperation>; apiVersion: string } {
    const apiVersion = versionOfNamespace(message.body.ns);
    if (apiVersion === undefined) {
      throw new GatewayError(
        'GW_ERR_SOAP_UNKNOWN_OPERATION',
        `${message.body.local} is not in a supported IPS namespace.`,
      );
    }
    const operation = resolveOperation(message.body, message.action, operations);
    // An operation a later schema added is as unknown to an older one (scene7-ips.md §3.3).
    if (!isOperationInVersion(operation.handler.name, apiVersion)) {
      throw new GatewayError(
        'GW_ERR_SOAP_UNKNOWN_OPERATION',
        `${message.body.local} is not in the IPS ${apiVersion} schema.`,
      );
    }
    localsOf(res).operation = operation.name;
    return { operation, apiVersion };
  }

  /**
   * The caller as the envelope's credential header blocks show it, read before the Body or any
   * other block is parsed: from the first bytes when they hold the whole Header, else from the
   * whole body. Undefined when only the full parse can tell.
   */
  async function preRead(
    exchange: Exchange,
    body: SoapRequestBody,
  ): Promise<IpsCaller | undefined> {
    const request = {
      version: exchange.version,
      authorization: exchange.req.get('authorization'),
      maxChars: HEAD_CHARS,
      limits: xmlLimits,
    };
    const head = await body.head(HEAD_CHARS);
    const early = preReadIpsCaller(head.text, request, authCodecs);
    if (early !== undefined || head.whole) return early;
    return preReadIpsCaller(await body.text(), request, authCodecs);
  }

  /**
   * Reads the request: the credentials first, checked before anything else is parsed
   * (scene7-ips.md §7.3 order). The whole envelope is then parsed at once for a caller checked
   * here; for the others (passthrough mode, where IPS checks, or credentials the head did not
   * show) it waits for one of the few slots for unauthenticated parses (see createParseSlots).
   */
  async function receive(
    exchange: Exchange,
    body: SoapRequestBody,
  ): Promise<{
    message: SoapMessage;
    ipsCaller: IpsCaller;
    credentials: Credentials;
    operation: SoapOperation<IpsOperation>;
    apiVersion: string;
  }> {
    const { req, res } = exchange;
    const early = await preRead(exchange, body);
    const earlyCredentials = early === undefined ? undefined : await letIn(exchange, early);
    const checked = earlyCredentials !== undefined && options.credentialsMode === 'gateway';
    const text = await body.text();
    const parse = (): SoapMessage =>
      parseEnvelope(text, {
        contentType: req.get('content-type'),
        soapAction: req.get('soapaction'),
        limits: xmlLimits,
        understands: isIpsAuthHeader,
      });
    // A caller not checked from the head waits for one of the strangers' parse slots.
    const message = checked ? parse() : await unauthenticatedParses.run(parse);
    // Without an early answer, the full parse's order applies: the operation, then credentials.
    const resolved = resolveIpsOperation(res, message);
    const ipsCaller = early ?? readIpsCaller(message.headers, req.get('authorization'), authCodecs);
    const credentials = earlyCredentials ?? (await letIn(exchange, ipsCaller));
    return { message, ipsCaller, credentials, ...resolved };
  }

  async function answer(exchange: Exchange, body: SoapRequestBody): Promise<void> {
    const { req, res, version } = exchange;
    const { message, ipsCaller, credentials, operation, apiVersion } = await receive(
      exchange,
      body,
    );
    const locale = ipsCaller.locale ?? req.acceptsLanguages()[0];
    const call = callContextOf(req, res, locale === undefined || locale === '*' ? {} : { locale });
    const bodyXml = await operation.handler.run(message.body, {
      call,
      namespace: message.body.ns,
      version: apiVersion,
      ...(options.credentialsMode === 'passthrough' ? { credentials } : {}),
    });
    const envelope = buildEnvelope(version, bodyXml);
    // gzipResponse forces gzip on or off; otherwise Accept-Encoding decides (scene7-ips.md §1.3).
    const compress = ipsCaller.gzipResponse ?? req.acceptsEncodings('gzip', 'identity') === 'gzip';
    await sendSoapAnswer(res, version, envelope, compress);
  }

  router.post(
    SERVICE_PATH,
    soapPost({
      bodyLimit,
      prepare: (req, res, version): Exchange => {
        // From here on, errors are IPS faults in the caller's SOAP version (the error handler
        // renders them).
        const exchange: Exchange = { req, res, version };
        localsOf(res).renderFault = (error) => {
          // Refusals before the message is read keep their HTTP meaning; shedding too (with
          // Retry-After), unless the caller's faultHttpStatusCode asks for one status for all faults.
          const status = TRANSPORT_REFUSALS.has(error.code)
            ? error.status
            : SHEDDING.has(error.code)
              ? (exchange.faultStatus ?? error.status)
              : exchange.faultStatus;
          return renderIpsFault(error, exchange.version, codecs.fault, status);
        };
        return exchange;
      },
      answer,
    }),
  );

  return router;
}
