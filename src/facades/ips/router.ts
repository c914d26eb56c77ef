import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import express, { Router, type Request, type Response } from 'express';
import { GatewayError } from '../../errors/gateway-error';
import type { JobLogService } from '../../joblogs/service';
import { ipsCodecs } from '../../protocols/ips/codecs';
import { versionOfNamespace, WSDL_DEFAULT_VERSION } from '../../protocols/ips/namespaces';
import { baseUrlOf, callContextOf, localsOf } from '../../request/context';
import type { SchemaRegistry } from '../../schemas/registry';
import { resolveOperation, type SoapOperation } from '../../soap/dispatch';
import { buildEnvelope, parseEnvelope } from '../../soap/envelope';
import { soapContentType, soapVersionOf, type SoapVersion } from '../../soap/version';
import { isIpsAuthHeader, readIpsCaller, type IpsCaller } from './auth';
import { renderIpsFault } from './faults';
import { createIpsOperations, type IpsOperation } from './operations';
import { checkServiceUrl, createIpsWsdl } from './wsdl';

const gzipAsync = promisify(gzip);
const SERVICE_PATH = '/scene7/services/IpsApiService';

export interface IpsFacadeOptions {
  readonly service: JobLogService;
  readonly registry: SchemaRegistry;
  /** The scene7 source this endpoint serves. */
  readonly sourceId: string | undefined;
  /** `gateway`: callers are checked here; `passthrough`: their credentials go upstream. */
  readonly credentialsMode: 'gateway' | 'passthrough';
  readonly checkUser: (user: string, password: string) => boolean;
  readonly publicUrl: string | undefined;
  readonly bodyLimitBytes: number;
  readonly xmlMaxDepth: number;
}

function authenticate(
  caller: IpsCaller,
  options: IpsFacadeOptions,
): { user: string; password: string } {
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
    checkServiceUrl(req.query.serviceUrl) ?? `${baseUrlOf(req, options.publicUrl)}${SERVICE_PATH}`;
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

  const rawBody = express.text({
    type: () => true,
    limit: options.bodyLimitBytes,
    defaultCharset: 'utf-8',
  });

  async function answer(
    req: Request,
    res: Response,
    version: SoapVersion,
    caller: { faultStatus?: number },
  ): Promise<void> {
    const message = parseEnvelope(typeof req.body === 'string' ? req.body : '', {
      contentType: req.get('content-type'),
      soapAction: req.get('soapaction'),
      limits: { maxBytes: options.bodyLimitBytes, maxDepth: options.xmlMaxDepth },
      understands: isIpsAuthHeader,
    });
    const apiVersion = versionOfNamespace(message.body.ns);
    if (apiVersion === undefined) {
      throw new GatewayError(
        'GW_ERR_SOAP_UNKNOWN_OPERATION',
        `${message.body.local} is not in a supported IPS namespace.`,
      );
    }
    const operation = resolveOperation(message.body, message.action, operations);
    const ipsCaller = readIpsCaller(message.headers, req.get('authorization'), authCodecs);
    if (ipsCaller.faultHttpStatusCode !== undefined)
      caller.faultStatus = ipsCaller.faultHttpStatusCode;
    const credentials = authenticate(ipsCaller, options);
    localsOf(res).caller = `ips:${credentials.user}`;
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
    res.status(200).type(soapContentType(version));
    if (compress) res.setHeader('content-encoding', 'gzip').send(await gzipAsync(envelope));
    else res.send(envelope);
  }

  router.post(SERVICE_PATH, (req, res, next) => {
    // From here on, errors are IPS faults in the caller's SOAP version (the error handler
    // renders them): refusals before the message is read keep their HTTP meaning (413, 415).
    const version = soapVersionOf(req.get('content-type')) ?? '1.1';
    const caller: { faultStatus?: number } = {};
    const locals = localsOf(res);
    locals.protocol = 'soap';
    locals.renderFault = (error) => {
      const transport =
        error.code === 'GW_ERR_PAYLOAD_TOO_LARGE' || error.code === 'GW_ERR_UNSUPPORTED_MEDIA_TYPE';
      return renderIpsFault(
        error,
        version,
        codecs.fault,
        transport ? error.status : caller.faultStatus,
      );
    };
    rawBody(req, res, (parseError?: unknown) => {
      if (parseError !== undefined) next(parseError);
      else answer(req, res, version, caller).catch(next);
    });
  });

  return router;
}
