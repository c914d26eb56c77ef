import type { Request, Response } from 'express';
import { CodecError, type Codec, type XmlElement } from '../../codec';
import { splitRecordId, type CallContext } from '../../contract';
import { GatewayError } from '../../errors/gateway-error';
import { answerListing } from '../../joblogs/listing';
import type { CursorCodec } from '../../joblogs/cursor';
import type { ListParamsParser } from '../../joblogs/query';
import type { JobLogService } from '../../joblogs/service';
import { assertSourceAllowed, sourcesFor } from '../../request/admission';
import { baseUrlOf, localsOf } from '../../request/context';
import type { SoapOperation } from '../../soap/dispatch';
import { JOBLOG_SERVICE_NS, type JobLogServiceCodecs, type MessageElement } from './messages';
import { toXmlJobLog, xmlSafe } from './records';
import { OPERATIONS, type OperationName } from './wsdl';

/** What an operation runs with: the exchange (for scope and caller) and the call context. */
export interface OperationRun {
  readonly req: Request;
  readonly res: Response;
  readonly call: CallContext;
}

/** Runs one operation on its request element; resolves with the response element's XML. */
export type OperationHandler = (body: XmlElement, run: OperationRun) => Promise<string>;

export interface OperationDeps {
  readonly service: JobLogService;
  readonly codecs: JobLogServiceCodecs;
  /** The listing's parameter parser (the JSON API's own, joblogs/query.ts). */
  readonly parseListParams: ListParamsParser;
  /** The JSON API's cursor codec: cursors are bound to the caller and its filters. */
  readonly cursors: CursorCodec;
}

/** The request element as JSON by its schema; a value it cannot map is the caller's mistake. */
function decodeRequest(codec: Codec, body: XmlElement, operation: string): Record<string, unknown> {
  try {
    return codec.decode(body, { namespace: JOBLOG_SERVICE_NS }) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof CodecError)) throw error;
    const parameter = error.path.split('/')[1];
    throw new GatewayError('GW_ERR_INVALID_PARAMETER', `${operation}: ${error.message}.`, {
      cause: error,
      ...(parameter === undefined || parameter === '' ? {} : { parameter }),
    });
  }
}

/**
 * The service's three operations, each a translation of its JSON twin: listJobLogs is
 * GET /v1/job-logs (the same parameter parser, scope, query service and signed cursors, bound to
 * the caller), getJobLog is GET /v1/job-logs/{id}, listSources is GET /v1/sources.
 */
export function createJobLogServiceOperations(
  deps: OperationDeps,
): ReadonlyMap<string, SoapOperation<OperationHandler>> {
  const { service, codecs, parseListParams } = deps;
  const encode = (element: MessageElement, value: unknown): string =>
    codecs.messages[element].encode(value, { name: element, namespace: JOBLOG_SERVICE_NS });

  const handlers: Record<OperationName, OperationHandler> = {
    async listJobLogs(body, { req, res, call }) {
      const params = decodeRequest(codecs.messages.listJobLogs, body, 'listJobLogs');
      const caller = localsOf(res).caller ?? '';
      const request = parseListParams(params, caller);
      const answer = await answerListing(deps, {
        request,
        scope: sourcesFor(res, request.sources),
        caller,
        call,
        problems: { baseUrl: baseUrlOf(req), requestId: call.requestId },
      });
      return encode('listJobLogsResponse', {
        ...answer,
        items: answer.items.map(toXmlJobLog),
        errors: answer.errors.map(xmlSafe),
        invalid: answer.invalid.map(xmlSafe),
      });
    },

    async getJobLog(body, { res, call }) {
      const { id } = decodeRequest(codecs.messages.getJobLog, body, 'getJobLog');
      if (typeof id !== 'string') {
        throw new GatewayError('GW_ERR_MISSING_PARAMETER', 'getJobLog needs the record `id`.', {
          parameter: 'id',
        });
      }
      const parts = splitRecordId(id);
      if (parts !== undefined) assertSourceAllowed(res, parts.source);
      const record = await service.get(id, call);
      return encode('getJobLogResponse', { jobLog: toXmlJobLog(record) });
    },

    listSources(body, { res }) {
      decodeRequest(codecs.messages.listSources, body, 'listSources');
      const scope = sourcesFor(res, undefined);
      const items = service.sources();
      return Promise.resolve(
        encode('listSourcesResponse', {
          items: scope === undefined ? items : items.filter(({ id }) => scope.includes(id)),
        }),
      );
    },
  };

  return new Map(
    OPERATIONS.map((name) => [name, { name, element: name, handler: handlers[name] }]),
  );
}
