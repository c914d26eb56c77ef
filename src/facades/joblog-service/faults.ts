import type { Codec } from '../../codec';
import type { ErrorCode } from '../../errors/codes';
import type { GatewayError } from '../../errors/gateway-error';
import { toProblem, type ProblemContext } from '../../errors/to-problem';
import { toSoapFault, type RenderedFault } from '../../soap/fault';
import type { SoapVersion } from '../../soap/version';
import { FAULT_ELEMENT, JOBLOG_SERVICE_NS } from './messages';
import { xmlSafe } from './records';

/**
 * Keep their own HTTP status (413, 415, 429, 503 with Retry-After): refused before the message
 * was read, or shed, which HTTP clients and load balancers act on. Every other fault has the
 * SOAP binding's status (1.1: 500; 1.2: Sender 400, Receiver 500).
 */
const OWN_STATUS: ReadonlySet<ErrorCode> = new Set([
  'GW_ERR_PAYLOAD_TOO_LARGE',
  'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
  'GW_ERR_OVERLOADED',
  'GW_ERR_RATE_LIMITED',
  'GW_ERR_SHUTTING_DOWN',
]);

/**
 * Renders an error as a SOAP Fault in the caller's SOAP version (faultcode Client or Server;
 * Code Sender or Receiver) whose detail is a `jobLogServiceFault` element: the problem the JSON
 * API would answer (code, title, status, detail, source, parameter, ...), encoded by the codec.
 */
export function renderJobLogServiceFault(
  error: GatewayError,
  version: SoapVersion,
  faultCodec: Codec,
  context: ProblemContext,
): RenderedFault {
  let detailXml: string | undefined;
  try {
    detailXml = faultCodec.encode(xmlSafe(toProblem(error, context)), {
      name: FAULT_ELEMENT,
      namespace: JOBLOG_SERVICE_NS,
    });
  } catch {
    // A problem the schema cannot carry (it cannot happen today) still gets its fault.
    detailXml = undefined;
  }
  return toSoapFault(error, {
    version,
    ...(detailXml === undefined ? {} : { detailXml }),
    ...(OWN_STATUS.has(error.code) ? { httpStatus: error.status } : {}),
  });
}
