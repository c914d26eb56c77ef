import type { Logger } from 'pino';
import { listen, type IServicePort, type IServices, type Server } from 'soap';
import { authenticate } from './auth';
import type { SoapVersion } from './envelope';
import {
  ENVELOPE_PREFIX,
  IpsFault,
  ipsApiFault,
  renderFaultEnvelope,
  toNodeSoapFault,
  type NodeSoapFault,
} from './faults';
import { getJobLogDetails } from './job-log-details';
import {
  getAssetArchivedJobLogs,
  getAssetJobLogs,
  getJobLogs,
  type OperationCall,
} from './operations';
import { OPERATION_FIELDS, type IpsOperation } from './params';
import type { IpsExchange } from './request';
import type { SeedIndex } from './seed-index';
import type { IpsWsdl } from './wsdl';

/** Path of the IPS SOAP endpoint (scene7-ips.md §1.1). */
export const SERVICE_PATH = '/scene7/services/IpsApiService';

/** A SOAP answer before transport concerns (gzip, injected faults). */
export interface SoapReply {
  readonly status: number;
  readonly body: string;
}

/** Each operation's answer, as node-soap serializes it. */
const ANSWERS: Readonly<Record<IpsOperation, (index: SeedIndex, call: OperationCall) => object>> = {
  getAssetJobLogs,
  getJobLogs,
  getJobLogDetails,
  getAssetArchivedJobLogs,
};

/** What node-soap's Server looks for on a thrown error: a `Fault` property. */
class NodeSoapFaultError extends Error {
  constructor(readonly Fault: NodeSoapFault) {
    super('IPS fault');
  }
}

/**
 * Answers IPS SOAP requests with node-soap. node-soap writes every answer in the one SOAP version
 * and one schema namespace of the Server that handles it, so there is one Server per (API
 * version, SOAP version), built lazily from the WSDL with its namespace substituted. Requests
 * node-soap cannot answer faithfully never reach it (see `answer`).
 */
export class IpsSoapService {
  readonly #servers = new Map<string, Promise<Server>>();
  /** The exchange of each in-flight call, keyed by the headers object node-soap hands back. */
  readonly #calls = new WeakMap<object, IpsExchange>();
  readonly #wsdl: IpsWsdl;
  readonly #index: SeedIndex;
  readonly #logger: Logger;

  constructor(wsdl: IpsWsdl, index: SeedIndex, logger: Logger) {
    this.#wsdl = wsdl;
    this.#index = index;
    this.#logger = logger;
  }

  /**
   * Answers one exchange. Requests that cannot be dispatched get ipsApiFault 30003 rendered here:
   * node-soap answers malformed XML with a stack trace and an unknown body element with a
   * generic Server fault, neither of them IPS-shaped.
   */
  async answer(exchange: IpsExchange): Promise<SoapReply> {
    if (exchange.problem !== null || exchange.apiVersion === null) {
      const fault = ipsApiFault(30003, exchange.problem ?? 'Invalid request XML');
      const status = exchange.options.faultHttpStatusCode ?? 500;
      return { status, body: renderFaultEnvelope(fault, exchange.version) };
    }
    const server = await this.#server(exchange.apiVersion, exchange.version);
    // No SOAPAction here: node-soap would let it override the body element (§1.3: advisory only).
    const headers = { 'content-type': 'text/xml' };
    this.#calls.set(headers, exchange);
    const response = await server.processRequest(exchange.xml, { headers });
    return { status: response.statusCode, body: response.body };
  }

  #server(apiVersion: string, soapVersion: SoapVersion): Promise<Server> {
    const key = `${apiVersion} ${soapVersion}`;
    let server = this.#servers.get(key);
    if (server === undefined) {
      server = this.#createServer(apiVersion, soapVersion);
      server.catch(() => this.#servers.delete(key));
      this.#servers.set(key, server);
    }
    return server;
  }

  #createServer(apiVersion: string, soapVersion: SoapVersion): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = listen(null, {
        path: SERVICE_PATH,
        services: this.#services(),
        xml: this.#wsdl.forVersion(apiVersion),
        forceSoap12Headers: soapVersion === '1.2',
        envelopeKey: ENVELOPE_PREFIX[soapVersion],
        // The WSDL binds the dated namespace to `types`; ignoring that prefix makes node-soap
        // write the documented default-namespace style: <getAssetJobLogsReturn xmlns="..."> (§2.4).
        ignoredNamespaces: { namespaces: ['types'] },
        callback: (error: unknown) => {
          if (error)
            reject(error instanceof Error ? error : new Error('node-soap could not load the WSDL'));
          else resolve(server);
        },
      });
    });
  }

  #services(): IServices {
    const port: IServicePort = Object.fromEntries(
      (Object.keys(OPERATION_FIELDS) as IpsOperation[]).map((operation) => [
        operation,
        (_args: unknown, _cb: unknown, _headers: unknown, req: { headers: object }) =>
          this.#invoke(operation, req.headers),
      ]),
    );
    // node-soap may resolve either port of the service; both serve the same operations.
    return { IpsApiService: { IpsApiSoap11Port: port, IpsApiSoap12Port: port } };
  }

  // Parameters come from the express layer's own parse, not node-soap's `args`: node-soap turns
  // a bad xsd:int into NaN and reads a zoneless xsd:dateTime in the host's local time.
  #invoke(operation: IpsOperation, key: object): object {
    const exchange = this.#calls.get(key);
    if (exchange === undefined) throw new Error('node-soap call without an exchange');
    try {
      const user = authenticate(exchange.credentials, this.#index);
      const call: OperationCall = {
        user,
        params: exchange.params ?? new Map(),
        apiVersion: exchange.apiVersion ?? '',
        locale: exchange.locale,
      };
      return ANSWERS[operation](this.#index, call);
    } catch (error) {
      if (!(error instanceof IpsFault)) this.#logger.error({ err: error }, 'operation failed');
      const fault = error instanceof IpsFault ? error : ipsApiFault(30000, 'Internal server error');
      const status = exchange.options.faultHttpStatusCode ?? 500;
      throw new NodeSoapFaultError(toNodeSoapFault(fault, exchange.version, status));
    }
  }
}
