"""Valid requests of the operations on contacts: each gets a contact made by the contact core on
the backend (a queued task; a scheduled one for UpdateContactSchedule)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from moto_connect_ext.connect import contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.conformance.seeds import World, happy

ACCOUNT = "123456789012"


def _contact(world: World, iid: str, scheduled: bool = False) -> tuple[Any, str]:
    connect = world.client()
    region = connect.meta.region_name
    backend = connect_backends[ACCOUNT][region]
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
    attrs = {} if scheduled else {"QueueId": queue}
    contact = contacts.start(
        backend.resources,
        backend.instance(iid),
        Caller(ACCOUNT, region, "aws"),
        "TASK",
        "API",
        attrs,
        scheduled=scheduled,
    )
    return connect, contact.id


def _flow(connect: Any, iid: str, flow_type: str) -> str:
    flows = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=[flow_type])["ContactFlowSummaryList"]
    return str(flows[0]["Id"])


@happy(
    "connect",
    "DescribeContact",
    "StopContact",
    "PauseContact",
    "GetContactAttributes",
    "UpdateContactAttributes",
    "ListContactReferences",
    "TagContact",
    "UntagContact",
)
def _on_a_queued_task(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    _, contact_id = _contact(world, iid)
    out: dict[str, Any] = {"InstanceId": iid}
    if "InitialContactId" in request:
        out["InitialContactId"] = contact_id
    else:
        out["ContactId"] = contact_id
    if "Attributes" in request:
        out["Attributes"] = {"happy": "path"}
    if "Tags" in request:
        out["Tags"] = {"happy": "path"}
    if "TagKeys" in request:
        out["TagKeys"] = ["happy"]
    if "ReferenceTypes" in request:
        out["ReferenceTypes"] = ["URL", "STRING"]
    if "DisconnectReason" in request:
        out["DisconnectReason"] = {"Code": "API"}
    return out


@happy("connect", "ResumeContact")
def _paused(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    connect, contact_id = _contact(world, iid)
    connect.pause_contact(InstanceId=iid, ContactId=contact_id)
    return {"InstanceId": iid, "ContactId": contact_id}


@happy("connect", "UpdateContactRoutingData")
def _queued(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    _, contact_id = _contact(world, iid)
    return {"InstanceId": iid, "ContactId": contact_id, "QueuePriority": 1}


@happy("connect", "UpdateContact")
def _renamed(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    _, contact_id = _contact(world, iid)
    return {"InstanceId": iid, "ContactId": contact_id, "Name": "happy", "Description": "path"}


@happy("connect", "UpdateContactSchedule")
def _scheduled(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    _, contact_id = _contact(world, iid, scheduled=True)
    when = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    return {"InstanceId": iid, "ContactId": contact_id, "ScheduledTime": when}


@happy("connect", "TransferContact")
def _transferred(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    connect, contact_id = _contact(world, iid)
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
    flow = _flow(connect, iid, "QUEUE_TRANSFER")
    return {"InstanceId": iid, "ContactId": contact_id, "QueueId": queue, "ContactFlowId": flow}


@happy("connect", "UpdateContactTaskTemplate")
def _templated(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    connect, contact_id = _contact(world, iid)
    template = connect.create_task_template(
        InstanceId=iid,
        Name=f"happy-{uuid.uuid4().hex[:8]}",
        ContactFlowId=_flow(connect, iid, "CONTACT_FLOW"),
        Fields=[{"Id": {"Name": "Name"}, "Type": "NAME"}],
        Constraints={"RequiredFields": [{"Id": {"Name": "Name"}}]},
    )
    return {"InstanceId": iid, "ContactId": contact_id, "TaskTemplateId": template["Id"]}
