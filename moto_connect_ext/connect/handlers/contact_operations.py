"""Operations on a contact: describe, update, stop, transfer, pause, resume, attributes, routing
data, schedule, task template, references and tags (rules in ``connect/contact_operations.py``)."""

from __future__ import annotations

from typing import Any

from ...core.resources import render
from .. import contact_operations as ops
from .. import contacts


def _contact(r: Any, member: str = "ContactId", missing: Any = None) -> Any:
    instance = r.backend.resource_root(r.params)
    if missing is None:
        return contacts.find(r.backend.resources, instance, r.params[member])
    return contacts.find(r.backend.resources, instance, r.params[member], missing=missing)


def describe_contact(r: Any) -> dict[str, Any]:
    return {"Contact": render(_contact(r), "Contact", r.backend.resources.tags)}


def update_contact(r: Any) -> dict[str, Any]:
    ops.update_contact(r.backend.resources, _contact(r), r.params, r.caller)
    return {}


def stop_contact(r: Any) -> dict[str, Any]:
    contact = _contact(r, missing=ops.ContactNotFoundException)
    ops.stop(r.backend.resources, contact, r.caller, r.params.get("DisconnectReason"))
    return {}


def transfer_contact(r: Any) -> dict[str, Any]:
    new = ops.transfer(r.backend.resources, r.backend.client_tokens, _contact(r), r.caller, r.params)
    return {"ContactId": new.id, "ContactArn": new.arn}


def pause_contact(r: Any) -> dict[str, Any]:
    ops.pause(r.backend.resources, _contact(r), r.caller, r.params.get("ContactFlowId"))
    return {}


def resume_contact(r: Any) -> dict[str, Any]:
    ops.resume(r.backend.resources, _contact(r), r.caller, r.params.get("ContactFlowId"))
    return {}


def get_contact_attributes(r: Any) -> dict[str, Any]:
    return {"Attributes": dict(_contact(r, "InitialContactId").attrs.get("Attributes") or {})}


def update_contact_attributes(r: Any) -> dict[str, Any]:
    ops.update_attributes(r.backend.resources, _contact(r, "InitialContactId"), r.params["Attributes"], r.caller)
    return {}


def update_contact_routing_data(r: Any) -> dict[str, Any]:
    ops.update_routing_data(r.backend.resources, _contact(r), r.params, r.caller)
    return {}


def update_contact_schedule(r: Any) -> dict[str, Any]:
    ops.update_schedule(r.backend.resources, _contact(r), r.params["ScheduledTime"], r.caller)
    return {}


def update_contact_task_template(r: Any) -> dict[str, Any]:
    ops.update_task_template(r.backend.resources, _contact(r), r.params["TaskTemplateId"], r.caller)
    return {}


def list_contact_references(r: Any) -> dict[str, Any]:
    # AWS answers every reference at once: its NextToken "is always null"
    return {"ReferenceSummaryList": ops.reference_summaries(_contact(r), r.params["ReferenceTypes"])}


def tag_contact(r: Any) -> dict[str, Any]:
    ops.tag(r.backend.resources, _contact(r), r.params["Tags"])
    return {}


def untag_contact(r: Any) -> dict[str, Any]:
    ops.untag(r.backend.resources, _contact(r), r.params["TagKeys"])
    return {}


HANDLERS = {
    "describe_contact": describe_contact,
    "update_contact": update_contact,
    "stop_contact": stop_contact,
    "transfer_contact": transfer_contact,
    "pause_contact": pause_contact,
    "resume_contact": resume_contact,
    "get_contact_attributes": get_contact_attributes,
    "update_contact_attributes": update_contact_attributes,
    "update_contact_routing_data": update_contact_routing_data,
    "update_contact_schedule": update_contact_schedule,
    "update_contact_task_template": update_contact_task_template,
    "list_contact_references": list_contact_references,
    "tag_contact": tag_contact,
    "untag_contact": untag_contact,
}
