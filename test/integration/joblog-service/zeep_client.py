"""Calls every JobLogService operation with Python's zeep, over both SOAP bindings.

Usage: python3 zeep_client.py <wsdl url> <user> <password> <record id>

zeep reads the WSDL alone, then, per binding (JobLogServiceSoap11, JobLogServiceSoap12), sends a
WS-Security UsernameToken (PasswordText) and calls listSources, listJobLogs (two pages through
the next cursor), getJobLog and, with a wrong password, listSources again for the fault. It
prints one JSON document: per binding, what zeep made of the answers (the test compares it with
the JSON API) and the SOAP envelope namespace it spoke.
"""

import json
import sys

import zeep
from lxml import etree
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.plugins import HistoryPlugin
from zeep.wsse.username import UsernameToken

SERVICE = "JobLogService"
BINDINGS = ("JobLogServiceSoap11", "JobLogServiceSoap12")


def plain(value):
    """zeep's objects as JSON-ready data (dates as ISO text)."""
    return json.loads(json.dumps(serialize_object(value), default=lambda v: v.isoformat()))


def fault_problem(fault):
    """The problem in a jobLogServiceFault detail, as child name -> text."""
    problem = fault.detail[0] if fault.detail is not None and len(fault.detail) else None
    if problem is None:
        return None
    return {etree.QName(child).localname: child.text for child in problem}


def call_binding(wsdl, user, password, record_id, binding):
    history = HistoryPlugin()
    client = zeep.Client(wsdl, wsse=UsernameToken(user, password), plugins=[history])
    service = client.bind(SERVICE, binding)
    sources = plain(service.listSources())
    first = service.listJobLogs(status=["failed", "warning"], limit=3)
    second = service.listJobLogs(status=["failed", "warning"], limit=3, cursor=first.next)
    sent = history.last_sent["envelope"]
    record = service.getJobLog(id=record_id)
    wrong = zeep.Client(wsdl, wsse=UsernameToken(user, "not-the-password"))
    try:
        wrong.bind(SERVICE, binding).listSources()
        fault = None
    except Fault as error:
        fault = {"code": error.code, "problem": fault_problem(error)}
    return {
        "envelope": etree.QName(sent).namespace,
        "sources": sources,
        "pages": [
            {"ids": [log.id for log in page.jobLog], "next": page.next, "count": page.count}
            for page in (first, second)
        ],
        "firstRaw": first.jobLog[0].raw if first.jobLog else None,
        "record": {
            "id": record.id,
            "status": record.status,
            "source": plain(record.source),
            "time": plain(record.time),
            "raw": record.raw,
        },
        "fault": fault,
    }


def main():
    wsdl, user, password, record_id = sys.argv[1:5]
    print(json.dumps({b: call_binding(wsdl, user, password, record_id, b) for b in BINDINGS}))


if __name__ == "__main__":
    main()
