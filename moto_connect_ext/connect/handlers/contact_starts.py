"""Starting contacts (not chats): outbound calls, web calls, tasks, emails, CreateContact and
BatchPutContact, each idempotent with its client token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Container, Resource
from .. import contact_starts as starts
from .common import once

#: operations whose model lists IdempotencyException (the others answer a reused token as a bad request)
_IDEMPOTENCY_MODELED = frozenset(
    {"CreateContact", "StartEmailContact", "StartOutboundEmailContact", "SendOutboundEmail", "BatchPutContact"}
)


def _instance(r: Any) -> Container:
    instance: Container = r.backend.resource_root(r.params)
    return instance


def _contact_id(r: Any, operation: str, start: Callable[..., Resource]) -> dict[str, Any]:
    instance = _instance(r)
    made = once(r, operation, lambda: start(r.backend.resources, instance, r.caller, r.params))
    return {"ContactId": made.id}


def start_outbound_voice_contact(r: Any) -> dict[str, Any]:
    return _contact_id(r, "StartOutboundVoiceContact", starts.start_outbound_voice)


def start_task_contact(r: Any) -> dict[str, Any]:
    return _contact_id(r, "StartTaskContact", starts.start_task)


def start_email_contact(r: Any) -> dict[str, Any]:
    return _contact_id(r, "StartEmailContact", starts.start_email)


def start_outbound_email_contact(r: Any) -> dict[str, Any]:
    return _contact_id(r, "StartOutboundEmailContact", starts.start_outbound_email)


def send_outbound_email(r: Any) -> dict[str, Any]:
    _contact_id(r, "SendOutboundEmail", starts.send_outbound_email)
    return {}


def update_outbound_email_contact_message(r: Any) -> dict[str, Any]:
    p = r.params
    found = starts.update_outbound_message(
        r.backend.resources, _instance(r), r.caller, p["ContactId"], p["EmailMessage"]
    )
    return {"ContactId": found.id}


def create_contact(r: Any) -> dict[str, Any]:
    instance = _instance(r)
    made = once(r, "CreateContact", lambda: starts.create_contact(r.backend.resources, instance, r.caller, r.params))
    return {"ContactId": made.id, "ContactArn": made.arn}


def start_web_rtc_contact(r: Any) -> dict[str, Any]:
    instance = _instance(r)
    _, out = once(
        r, "StartWebRTCContact", lambda: starts.start_webrtc(r.backend.resources, instance, r.caller, r.params)
    )
    return dict(out)


def start_assistant_contact(r: Any) -> dict[str, Any]:
    instance = _instance(r)
    _, out = once(
        r, "StartAssistantContact", lambda: starts.start_assistant(r.backend.resources, instance, r.caller, r.params)
    )
    return dict(out)


def batch_put_contact(r: Any) -> dict[str, Any]:
    instance = _instance(r)
    out = once(
        r,
        "BatchPutContact",
        lambda: starts.batch_put(r.backend.resources, instance, r.caller, r.params["ContactDataRequestList"]),
    )
    return dict(out)


HANDLERS = {
    "start_outbound_voice_contact": start_outbound_voice_contact,
    "start_task_contact": start_task_contact,
    "start_web_rtc_contact": start_web_rtc_contact,
    "start_email_contact": start_email_contact,
    "start_outbound_email_contact": start_outbound_email_contact,
    "send_outbound_email": send_outbound_email,
    "update_outbound_email_contact_message": update_outbound_email_contact_message,
    "start_assistant_contact": start_assistant_contact,
    "create_contact": create_contact,
    "batch_put_contact": batch_put_contact,
}
