"""Calls every IPS job-log operation of the gateway's IPS endpoint with Python's zeep.

Usage: python3 ips_zeep_client.py <wsdl url> <dated wsdl url> <user> <password> <params json>

zeep reads the two WSDLs alone: the endpoint's own (`?wsdl`, getAssetJobLogs, getJobLogs,
getJobLogDetails) and a dated one from the version that defines getAssetArchivedJobLogs. Per
port (IpsApiSoap11Port, IpsApiSoap12Port) it sends IPS's authHeader as a SOAP header, built from
the WSDL's own element (the unversioned one with the first WSDL, the dated namespace's with the
second), and calls every operation; then, with a wrong password, getJobLogs again for the fault,
whose detail it reads by the WSDL's fault element. It prints one JSON document: per port, what
zeep made of each answer (dateTimes as ISO text) and the SOAP envelope namespaces of each
request and answer; the test compares it with the JSON API.

params: companyHandle, assetHandle, jobHandle, numRows, locale, appName, appVersion and
datedNamespace (the dated WSDL's schema namespace, where its authHeader is).
"""

import json
import sys

import zeep
from lxml import etree
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.plugins import HistoryPlugin

SERVICE = "IpsApiService"
PORTS = ("IpsApiSoap11Port", "IpsApiSoap12Port")
COMMON_NS = "http://www.scene7.com/IpsApi/xsd"


def plain(value):
    """zeep's objects as JSON-ready data (dateTimes as ISO text, to the millisecond)."""
    return json.loads(
        json.dumps(
            serialize_object(value),
            default=lambda v: v.isoformat(timespec="milliseconds"),
        )
    )


def envelopes(history):
    """The SOAP envelope namespaces of the last request zeep sent and the answer it read."""
    return [
        etree.QName(history.last_sent["envelope"]).namespace,
        etree.QName(history.last_received["envelope"]).namespace,
    ]


def read_fault(client, fault):
    """The fault as zeep reads it: faultcode, faultstring and the detail parsed by the WSDL."""
    detail = fault.detail[0] if fault.detail is not None and len(fault.detail) else None
    if detail is None:
        return {"code": fault.code, "message": fault.message, "detail": None}
    element = client.get_element(detail.tag)
    return {
        "code": fault.code,
        "message": fault.message,
        "kind": etree.QName(detail).localname,
        "namespace": etree.QName(detail).namespace,
        "detail": plain(element.parse(detail, client.wsdl.types)),
    }


def call_port(wsdl, dated_wsdl, user, password, params, port):
    history = HistoryPlugin()
    client = zeep.Client(wsdl, plugins=[history])
    auth = client.get_element("{%s}authHeader" % COMMON_NS)(
        user=user, password=password, locale=params["locale"]
    )
    service = client.bind(SERVICE, port)
    company = params["companyHandle"]
    result = {"envelopes": {}, "operations": {}}

    answers = {
        "getAssetJobLogs": lambda: service.getAssetJobLogs(
            companyHandle=company, assetHandle=params["assetHandle"], _soapheaders=[auth]
        ),
        "getJobLogs": lambda: service.getJobLogs(
            companyHandle=company,
            sortBy="StartDate",
            sortDirection="Descending",
            numRows=params["numRows"],
            _soapheaders=[auth],
        ),
        "getJobLogDetails": lambda: service.getJobLogDetails(
            companyHandle=company, jobHandle=params["jobHandle"], _soapheaders=[auth]
        ),
    }
    for name, call in answers.items():
        result[name] = plain(call())
        result["envelopes"][name] = envelopes(history)
    result["operations"]["wsdl"] = sorted(client.wsdl.services[SERVICE].ports[port].binding.all())

    dated_history = HistoryPlugin()
    dated = zeep.Client(dated_wsdl, plugins=[dated_history])
    dated_auth = dated.get_element("{%s}authHeader" % params["datedNamespace"])(
        user=user,
        password=password,
        locale=params["locale"],
        appName=params["appName"],
        appVersion=params["appVersion"],
    )
    result["getAssetArchivedJobLogs"] = plain(
        dated.bind(SERVICE, port).getAssetArchivedJobLogs(
            companyHandle=company, assetHandle=params["assetHandle"], _soapheaders=[dated_auth]
        )
    )
    result["envelopes"]["getAssetArchivedJobLogs"] = envelopes(dated_history)
    result["operations"]["datedWsdl"] = sorted(
        dated.wsdl.services[SERVICE].ports[port].binding.all()
    )

    wrong = client.get_element("{%s}authHeader" % COMMON_NS)(user=user, password=password + "-x")
    try:
        service.getJobLogs(companyHandle=company, _soapheaders=[wrong])
        result["fault"] = None
    except Fault as fault:
        result["fault"] = read_fault(client, fault)
    return result


def main():
    wsdl, dated_wsdl, user, password, params = sys.argv[1:6]
    params = json.loads(params)
    print(
        json.dumps(
            {port: call_port(wsdl, dated_wsdl, user, password, params, port) for port in PORTS}
        )
    )


if __name__ == "__main__":
    main()
