import { escapeAttribute, generateXsd } from '../../codec';
import {
  FAULT_ELEMENT,
  JOBLOG_SERVICE_NS,
  MESSAGE_ELEMENTS,
  type JobLogServiceSchemas,
} from './messages';

/** The service's operations: each reads `<name>` and answers `<name>Response`. */
export const OPERATIONS = ['listJobLogs', 'getJobLog', 'listSources'] as const;

export type OperationName = (typeof OPERATIONS)[number];

/** The SOAPAction of an operation (dispatch also takes the bare name, see soap/dispatch.ts). */
export const soapActionOf = (operation: OperationName): string =>
  `${JOBLOG_SERVICE_NS}/${operation}`;

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP11_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP12_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const HTTP_TRANSPORT = 'http://schemas.xmlsoap.org/soap/http';
/** Where the service address goes; replaced per request (see createJobLogServiceWsdl). */
const ADDRESS_SLOT = 'urn:joblog-gateway:address';

/** The XSD of the service's messages, generated from the JSON Schemas (see messages.ts). */
export function jobLogServiceXsd(schemas: JobLogServiceSchemas): string {
  return generateXsd({
    targetNamespace: JOBLOG_SERVICE_NS,
    prefix: 'tns',
    elements: [
      ...Object.entries(MESSAGE_ELEMENTS).map(([name, def]) => ({
        name,
        schema: schemas.ref(def),
      })),
      { name: FAULT_ELEMENT, schema: schemas.problem },
    ],
    types: schemas.types,
    resolve: schemas.resolve,
  });
}

function binding(name: string, prefix: 'soap' | 'soap12'): string {
  const operations = OPERATIONS.map(
    (operation) =>
      `<wsdl:operation name="${operation}"><${prefix}:operation soapAction="${soapActionOf(operation)}" style="document"/>` +
      `<wsdl:input><${prefix}:body use="literal"/></wsdl:input><wsdl:output><${prefix}:body use="literal"/></wsdl:output>` +
      `<wsdl:fault name="fault"><${prefix}:fault name="fault" use="literal"/></wsdl:fault></wsdl:operation>`,
  ).join('');
  return (
    `<wsdl:binding name="${name}" type="tns:JobLogServicePortType">` +
    `<${prefix}:binding style="document" transport="${HTTP_TRANSPORT}"/>${operations}</wsdl:binding>`
  );
}

/**
 * The service's WSDL 1.1 (document/literal, a SOAP 1.1 and a SOAP 1.2 binding) around the XSD
 * generated from the schemas. Built once; each call only puts the service address in (the
 * gateway's public base URL, as the IPS facade's WSDL does).
 */
export function createJobLogServiceWsdl(
  schemas: JobLogServiceSchemas,
): (address: string) => string {
  const messages = OPERATIONS.flatMap((operation) => [
    `<wsdl:message name="${operation}"><wsdl:part name="parameters" element="tns:${operation}"/></wsdl:message>`,
    `<wsdl:message name="${operation}Response"><wsdl:part name="parameters" element="tns:${operation}Response"/></wsdl:message>`,
  ]).join('');
  const portOperations = OPERATIONS.map(
    (operation) =>
      `<wsdl:operation name="${operation}"><wsdl:input message="tns:${operation}"/>` +
      `<wsdl:output message="tns:${operation}Response"/><wsdl:fault name="fault" message="tns:fault"/></wsdl:operation>`,
  ).join('');
  const text =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<wsdl:definitions xmlns:wsdl="${WSDL_NS}" xmlns:soap="${SOAP11_BINDING_NS}" xmlns:soap12="${SOAP12_BINDING_NS}"` +
    ` xmlns:tns="${JOBLOG_SERVICE_NS}" targetNamespace="${JOBLOG_SERVICE_NS}" name="JobLogService">` +
    `<wsdl:documentation>joblog-gateway's JobLogService: job logs of every source as one unified record (schemas/unified-job-log.schema.json). Authenticate with WS-Security UsernameToken (PasswordText) or HTTP Basic.</wsdl:documentation>` +
    `<wsdl:types>${jobLogServiceXsd(schemas)}</wsdl:types>` +
    `${messages}<wsdl:message name="fault"><wsdl:part name="fault" element="tns:${FAULT_ELEMENT}"/></wsdl:message>` +
    `<wsdl:portType name="JobLogServicePortType">${portOperations}</wsdl:portType>` +
    binding('JobLogServiceSoap11', 'soap') +
    binding('JobLogServiceSoap12', 'soap12') +
    `<wsdl:service name="JobLogService">` +
    `<wsdl:port name="JobLogServiceSoap11" binding="tns:JobLogServiceSoap11"><soap:address location="${ADDRESS_SLOT}"/></wsdl:port>` +
    `<wsdl:port name="JobLogServiceSoap12" binding="tns:JobLogServiceSoap12"><soap12:address location="${ADDRESS_SLOT}"/></wsdl:port>` +
    `</wsdl:service></wsdl:definitions>`;
  const [head = '', middle = '', tail = ''] = text.split(ADDRESS_SLOT);
  return (address) => {
    const location = escapeAttribute(address);
    return `${head}${location}${middle}${location}${tail}`;
  };
}
