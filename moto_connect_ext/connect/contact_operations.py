"""Operations on a contact once it exists: describe, update, stop, transfer, pause and resume,
its attributes, routing data, schedule, task template, references and tags.

The contact itself (its life, timestamps, how it is made and ended) is the contact core's
(``contacts.py``); this module holds the rules AWS documents for each operation:

* StopContact ends a contact of any channel, except voice contacts initiated by
  DISCONNECT, TRANSFER, QUEUE_TRANSFER, EXTERNAL_OUTBOUND or MONITOR; an ended voice
  contact is ``ContactNotFoundException`` ("not active or does not exist", voice only), an
  ended chat, task or email contact ``InvalidRequestException``.  The disconnect reason is
  one of the contact record's codes (``API`` when none is given).
* TransferContact moves an active TASK or EMAIL contact to a queue or a user (not both)
  through an inbound, transfer-to-queue or transfer-to-agent flow: a new contact
  (initiation method TRANSFER, ``PreviousContactId`` the old one, ``InitialContactId`` the
  first of the chain) takes over its attributes and references, and the old one ends.  At
  most 11 transfers per chain; idempotent with a client token.
* PauseContact / ResumeContact: ongoing TASK and EMAIL contacts (not a task scheduled for
  later), at most 10 pauses.  A paused task that waits in a queue leaves it (no longer
  QUEUED) and is queued again when it is resumed.
* UpdateContactAttributes merges (an empty value stays, as an empty value) into the
  attributes every contact of the chain shares; 32,768 UTF-8 bytes across all of them,
  keys of letters, digits, ``-`` and ``_``; ongoing and ended contacts alike.
* UpdateContactRoutingData: queued contacts only, priority or age, not both.
* UpdateContactSchedule: scheduled tasks only, a time in the next 6 days.
* UpdateContactTaskTemplate: tasks in progress and not with an agent, an active template
  that is not the current one, at most 5 changes, references compatible with the
  template's fields (``PropertyValidationException``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.errors import ConflictException, ServiceError
from ..core.resources import Container, Resource, Resources
from . import contacts
from .exceptions import (
    IdempotencyException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)
from .flows import CONTACT_FLOW
from .predefined_attributes import PREDEFINED_ATTRIBUTE
from .task_templates import (
    FIELD_REFERENCE_TYPES,
    SINGLE_TYPES,
    TASK_TEMPLATE,
    Problems,
    is_email,
    property_error,
)
from .users import USER


class ContactNotFoundException(ServiceError):
    code = "ContactNotFoundException"


class LimitExceededException(ServiceError):
    code = "LimitExceededException"


# -- limits and documented values ---------------------------------------------------------------
#: UTF-8 bytes across all of a contact's attributes (keys and values)
ATTRIBUTES_MAX_BYTES = 32_768
#: UTF-8 bytes across all of a contact's references
REFERENCES_MAX_BYTES = 4_096
#: tags on one contact
TAGS_PER_CONTACT = 6
#: transfers of one contact chain
MAX_TRANSFERS = 11
#: pauses of one contact
MAX_PAUSES = 10
#: task template changes of one contact
MAX_TEMPLATE_UPDATES = 5
#: how far ahead a task can be scheduled
MAX_SCHEDULE_AHEAD = dt.timedelta(days=6)

_ATTRIBUTE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")

#: voice contacts of these initiation methods cannot be stopped through the API
UNSTOPPABLE_VOICE = frozenset({"DISCONNECT", "TRANSFER", "QUEUE_TRANSFER", "EXTERNAL_OUTBOUND", "MONITOR"})

#: DisconnectReason codes of the contact record (Administrator Guide, "Contact records data model")
DISCONNECT_REASONS = frozenset(
    {
        "CUSTOMER_DISCONNECT",
        "AGENT_DISCONNECT",
        "THIRD_PARTY_DISCONNECT",
        "TELECOM_PROBLEM",
        "BARGED",
        "CONTACT_FLOW_DISCONNECT",
        "OTHER",
        "EXPIRED",
        "API",
        "IDLE_DISCONNECT",
        "CUSTOMER_CONNECTION_NOT_ESTABLISHED",
        "AGENT_CONNECTION_NOT_ESTABLISHED",
        "DISCARDED",
        "AGENT_NETWORK_DISCONNECT",
        "CUSTOMER_NETWORK_DISCONNECT",
        # outbound campaigns
        "OUTBOUND_DESTINATION_ENDPOINT_ERROR",
        "OUTBOUND_RESOURCE_ERROR",
        "OUTBOUND_ATTEMPT_FAILED",
        "OUTBOUND_PREVIEW_DISCARDED",
    }
)
DEFAULT_DISCONNECT_REASON = "API"

#: the flow types TransferContact accepts, by destination
TRANSFER_FLOW_TYPES = {"QueueId": ("CONTACT_FLOW", "QUEUE_TRANSFER"), "UserId": ("CONTACT_FLOW", "AGENT_TRANSFER")}

#: the channels each operation takes
TRANSFERABLE = ("TASK", "EMAIL")
PAUSABLE = ("TASK", "EMAIL")

#: the reference types a request may set (the others are made by Connect itself)
SETTABLE_REFERENCE_TYPES = ("URL", "STRING", "NUMBER", "DATE", "EMAIL")

#: ReferenceSummary's member for each reference type
SUMMARY_MEMBERS = {
    "URL": "Url",
    "ATTACHMENT": "Attachment",
    "CONTACT_ANALYSIS": "ContactAnalysis",
    "NUMBER": "Number",
    "STRING": "String",
    "DATE": "Date",
    "EMAIL": "Email",
    "EMAIL_MESSAGE": "EmailMessage",
    "EMAIL_MESSAGE_REDACTED": "EmailMessageRedacted",
    "EMAIL_MESSAGE_PLAIN_TEXT": "EmailMessagePlainText",
    "EMAIL_MESSAGE_PLAIN_TEXT_REDACTED": "EmailMessagePlainTextRedacted",
}
#: the members each summary carries besides Name
_SUMMARY_FIELDS = {
    "ATTACHMENT": ("Value", "Status", "Arn"),
    "CONTACT_ANALYSIS": ("Value", "Status", "Arn"),
    "EMAIL_MESSAGE": ("Arn",),
    "EMAIL_MESSAGE_REDACTED": ("Arn",),
    "EMAIL_MESSAGE_PLAIN_TEXT": ("Arn",),
    "EMAIL_MESSAGE_PLAIN_TEXT_REDACTED": ("Arn",),
}

#: the longest reference a field of the type takes (fewer than this many characters)
_FIELD_MAX_LENGTH = {"TEXT": 512, "TEXT_AREA": 4096}

#: the segment attribute that marks an external audio contact (Contact Lens integration)
SUBTYPE = "connect:Subtype"
EXTERNAL_AUDIO = "connect:ExternalAudio"
#: the system segment attributes UpdateContact may set
UPDATABLE_SYSTEM_SEGMENT_ATTRIBUTES = frozenset({"connect:ContactExpiry"})

# private attributes of a contact (never rendered)
_TRANSFERS = "_Transfers"
_PAUSED_SINCE = "_PausedSince"
_DEQUEUED = "_DequeuedByPause"
_TEMPLATE_UPDATES = "_TemplateUpdates"
_TEMPLATE_ID = "_TaskTemplateId"
_ROUTING_INDEX = "_RoutingCriteriaIndex"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _external_audio(contact: Resource) -> bool:
    segment = (contact.attrs.get("SegmentAttributes") or {}).get(SUBTYPE) or {}
    return segment.get("ValueString") == EXTERNAL_AUDIO


def _email_draft(contact: Resource) -> bool:
    return (
        contact.attrs.get("Channel") == "EMAIL"
        and contact.attrs.get("InitiationMethod") in ("OUTBOUND", "AGENT_REPLY")
        and not contacts.ended(contact)
    )


def _channel_of(contact: Resource) -> str:
    return str(contact.attrs.get("Channel"))


def _root_of(contact: Resource) -> str:
    """The ID of the first contact of the contact's chain."""
    return str(contact.attrs.get("InitialContactId") or contact.id)


def chain(resources: Resources, contact: Resource) -> list[Resource]:
    """Every contact of the contact's chain (the first and the ones transferred from it)."""
    root = _root_of(contact)
    return [c for c in contacts.contacts_of(resources, contact.parent) if _root_of(c) == root]


# -- references ------------------------------------------------------------------------------
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _reference_problem(name: str, reference: Mapping[str, Any]) -> str | None:
    kind, value = reference.get("Type"), reference.get("Value")
    if kind not in SETTABLE_REFERENCE_TYPES:
        return f"Reference {name}: references of type {kind} are made by Amazon Connect, not set by a request"
    if value is None:
        return f"Reference {name} has no Value"
    if kind == "URL" and not re.match(r"^https?://\S+$", value):
        return f"Reference {name}: {value!r} is not a URL"
    if kind == "NUMBER" and not _NUMBER.match(value):
        return f"Reference {name}: {value!r} is not a number"
    if kind == "DATE" and not value.isdigit():
        return f"Reference {name}: {value!r} is not an epoch timestamp"
    if kind == "EMAIL" and not is_email(value):
        return f"Reference {name}: {value!r} is not an email address"
    return None


def merge_references(
    current: Mapping[str, Mapping[str, Any]], references: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """A contact's references with the ones a request sets, checked: settable types,
    well-formed values, 4,096 UTF-8 bytes across all of them."""
    merged: dict[str, dict[str, Any]] = {name: dict(ref) for name, ref in current.items()}
    for name, reference in references.items():
        problem = _reference_problem(name, reference)
        if problem:
            raise InvalidParameterException(problem)
        merged[name] = {k: v for k, v in reference.items() if v is not None}
    total = sum(_size(name) + _size(str(ref.get("Value") or "")) for name, ref in merged.items())
    if total > REFERENCES_MAX_BYTES:
        raise InvalidParameterException(f"References hold {total} UTF-8 bytes, more than {REFERENCES_MAX_BYTES}")
    return merged


def reference_summaries(contact: Resource, types: list[str]) -> list[dict[str, Any]]:
    """ListContactReferences: the contact's references of the types asked, as ReferenceSummary items."""
    wanted = set(types)
    out = []
    for name, reference in (contact.attrs.get("References") or {}).items():
        kind = reference.get("Type")
        if kind not in wanted or kind not in SUMMARY_MEMBERS:
            continue
        fields = _SUMMARY_FIELDS.get(kind, ("Value",))
        body = {"Name": name, **{f: reference[f] for f in fields if reference.get(f) is not None}}
        out.append({SUMMARY_MEMBERS[kind]: body})
    return out


# -- UpdateContact ---------------------------------------------------------------------------
def _check_segment_attributes(instance: Container, attributes: Mapping[str, Any]) -> None:
    for key, value in attributes.items():
        if key.startswith("connect:"):
            if key not in UPDATABLE_SYSTEM_SEGMENT_ATTRIBUTES:
                raise InvalidParameterException(f"The system segment attribute {key} cannot be updated")
            continue
        if instance.children(PREDEFINED_ATTRIBUTE.kind).get(key) is None:
            raise InvalidParameterException(
                f"The segment attribute {key} is not a predefined attribute of the instance"
            )
        if set(value) - {"ValueString"}:
            raise InvalidParameterException(f"The user-defined segment attribute {key} takes a ValueString only")


def update_contact(resources: Resources, contact: Resource, params: Mapping[str, Any], caller: Caller) -> None:
    """UpdateContact: what a request may change on an ongoing or ended contact."""
    members = (
        "Name",
        "Description",
        "References",
        "SegmentAttributes",
        "QueueInfo",
        "UserInfo",
        "CustomerEndpoint",
        "SystemEndpoint",
        "AdditionalRecipients",
    )
    if not any(m in params for m in members):
        raise InvalidRequestException("At least one field to be updated must be present in the request")
    external, draft = _external_audio(contact), _email_draft(contact)
    for member in ("QueueInfo", "UserInfo"):
        if member in params and not external:
            raise InvalidRequestException(f"{member} can only be updated for external audio contacts")
    for member in ("CustomerEndpoint", "SystemEndpoint"):
        if member in params and not (external or draft):
            raise InvalidRequestException(
                f"{member} can only be updated for external audio contacts and outbound email drafts"
            )
    if "AdditionalRecipients" in params and not draft:
        raise InvalidRequestException("AdditionalRecipients can only be updated on an outbound email draft")

    changes: dict[str, Any] = {k: params[k] for k in ("Name", "Description") if k in params}
    if "References" in params:
        changes["References"] = merge_references(contact.attrs.get("References") or {}, params["References"])
    if "SegmentAttributes" in params:
        _check_segment_attributes(contact.parent, params["SegmentAttributes"])
        changes["SegmentAttributes"] = {**(contact.attrs.get("SegmentAttributes") or {}), **params["SegmentAttributes"]}
    if "QueueInfo" in params and params["QueueInfo"].get("Id"):
        changes["QueueId"] = params["QueueInfo"]["Id"]
    if "UserInfo" in params and params["UserInfo"].get("UserId"):
        changes["AgentId"] = params["UserInfo"]["UserId"]
    for member in ("CustomerEndpoint", "SystemEndpoint"):
        if member in params:
            changes[member] = dict(params[member])
    if "AdditionalRecipients" in params:
        cc = [
            {k: v for k, v in {"Address": r.get("EmailAddress"), "DisplayName": r.get("DisplayName")}.items() if v}
            for r in params["AdditionalRecipients"].get("CcEmailAddresses") or []
        ]
        recipients = dict(contact.attrs.get("AdditionalEmailRecipients") or {})
        recipients["CcList"] = cc
        changes["AdditionalEmailRecipients"] = recipients
    resources.update(contact, changes, caller)


# -- StopContact -----------------------------------------------------------------------------
def stop(resources: Resources, contact: Resource, caller: Caller, reason: Mapping[str, Any] | None) -> None:
    """StopContact: the contact ends with the reason given (``API`` by default)."""
    voice = _channel_of(contact) == "VOICE"
    if contacts.ended(contact):
        if voice:
            raise ContactNotFoundException(f"Contact {contact.id} is not active")
        raise InvalidRequestException(f"Contact {contact.id} has already ended")
    method = contact.attrs.get("InitiationMethod")
    if voice and method in UNSTOPPABLE_VOICE:
        raise InvalidRequestException(f"A voice contact initiated by {method} cannot be stopped through the API")
    code = (reason or {}).get("Code")
    if code is not None and code not in DISCONNECT_REASONS:
        raise InvalidParameterException(
            f"DisconnectReason.Code {code!r} is not one of {', '.join(sorted(DISCONNECT_REASONS))}"
        )
    _finish_pause(resources, contact, caller)
    contacts.end(resources, contact, caller, code or DEFAULT_DISCONNECT_REASON)


# -- TransferContact -------------------------------------------------------------------------
def transfer(
    resources: Resources,
    client_tokens: Any,
    contact: Resource,
    caller: Caller,
    params: Mapping[str, Any],
) -> Resource:
    """TransferContact: a new contact in the queue or with the user, and the old one ended."""
    instance = contact.parent
    queue_id, user_id = params.get("QueueId"), params.get("UserId")
    flow_id = params["ContactFlowId"]

    def make() -> Resource:
        channel = _channel_of(contact)
        if channel not in TRANSFERABLE:
            raise InvalidRequestException(f"Transfer is only supported for TASK and EMAIL contacts, not {channel}")
        contacts.active(contact, lambda m: InvalidRequestException(f"{m}: only active contacts can be transferred"))
        if bool(queue_id) == bool(user_id):
            raise InvalidRequestException("Transfer to a QueueId or a UserId, exactly one of them")
        flow = resources.get(CONTACT_FLOW, instance, flow_id)
        destination = "QueueId" if queue_id else "UserId"
        allowed = TRANSFER_FLOW_TYPES[destination]
        if flow.attrs.get("Type") not in allowed:
            raise InvalidRequestException(
                f"Flow {flow.id} is of type {flow.attrs.get('Type')}; a transfer to a "
                f"{'queue' if queue_id else 'user'} takes a flow of type {' or '.join(allowed)}"
            )
        transfers = int(contact.attrs.get(_TRANSFERS, 0))
        if transfers >= MAX_TRANSFERS:
            raise ServiceQuotaExceededException(f"A contact cannot be transferred more than {MAX_TRANSFERS} times")
        kept = (
            "Name",
            "Description",
            "Attributes",
            "References",
            "SegmentAttributes",
            "CustomerEndpoint",
            "SystemEndpoint",
            "TaskTemplateInfo",
            "RelatedContactId",
            _TEMPLATE_ID,
        )
        attrs: dict[str, Any] = {k: contact.attrs[k] for k in kept if k in contact.attrs}
        attrs.update(
            {
                "ContactFlowId": flow.id,
                "PreviousContactId": contact.id,
                "InitialContactId": _root_of(contact),
                _TRANSFERS: transfers + 1,
            }
        )
        if queue_id:
            attrs["QueueId"] = queue_id
        else:
            resources.get(USER, instance, str(user_id))  # before anything changes
        new = contacts.start(resources, instance, caller, channel, "TRANSFER", attrs, resources.tags.get(contact.arn))
        if user_id:
            contacts.route_to_agent(resources, new, user_id, caller)
        _finish_pause(resources, contact, caller)
        contacts.end(resources, contact, caller)
        return new

    fingerprint = {k: v for k, v in params.items() if k != "ClientToken"}
    new, _ = client_tokens.once(
        "TransferContact",
        params.get("ClientToken"),
        fingerprint,
        make,
        lambda: IdempotencyException("The client token was already used with another TransferContact request"),
    )
    return new  # type: ignore[no-any-return]


# -- PauseContact / ResumeContact ---------------------------------------------------------------
def _pausable(resources: Resources, contact: Resource, flow_id: str | None, operation: str) -> None:
    channel = _channel_of(contact)
    if channel not in PAUSABLE:
        raise InvalidRequestException(f"{operation} supports TASK and EMAIL contacts, not {channel}")
    contacts.active(contact)
    if contacts.state(contact) == contacts.SCHEDULED:
        raise InvalidRequestException(
            f"Contact {contact.id} is scheduled for a later time: it cannot be paused or resumed"
        )
    if flow_id:
        resources.get(CONTACT_FLOW, contact.parent, flow_id)


def pause(resources: Resources, contact: Resource, caller: Caller, flow_id: str | None) -> None:
    _pausable(resources, contact, flow_id, "PauseContact")
    if contact.attrs.get(_PAUSED_SINCE) is not None:
        raise ConflictException(f"Contact {contact.id} is already paused")
    count = int(contact.attrs.get("TotalPauseCount", 0))
    if count >= MAX_PAUSES:
        raise LimitExceededException(f"A contact can be paused at most {MAX_PAUSES} times")
    moment = now()
    dequeued = _channel_of(contact) == "TASK" and contacts.state(contact) == contacts.QUEUED
    resources.update(
        contact,
        {
            "TotalPauseCount": count + 1,
            "LastPausedTimestamp": moment,
            _PAUSED_SINCE: moment,
            _DEQUEUED: dequeued or None,
        },
        caller,
    )
    if dequeued:  # a paused task waiting in a queue leaves it until it is resumed
        contacts.dequeue(resources, contact, caller)


def _finish_pause(resources: Resources, contact: Resource, caller: Caller) -> dt.datetime | None:
    """End the contact's pause, if it is paused: its duration is added to the total."""
    since = contact.attrs.get(_PAUSED_SINCE)
    if since is None:
        return None
    moment = now()
    total = int(contact.attrs.get("TotalPauseDurationInSeconds", 0)) + int((moment - since).total_seconds())
    resources.update(contact, {"TotalPauseDurationInSeconds": total, _PAUSED_SINCE: None}, caller)
    return moment


def resume(resources: Resources, contact: Resource, caller: Caller, flow_id: str | None) -> None:
    _pausable(resources, contact, flow_id, "ResumeContact")
    moment = _finish_pause(resources, contact, caller)
    if moment is None:
        raise ConflictException(f"Contact {contact.id} is not paused")
    requeue = bool(contact.attrs.get(_DEQUEUED))
    resources.update(contact, {"LastResumedTimestamp": moment, _DEQUEUED: None}, caller)
    if requeue:
        contacts.enqueue(resources, contact, str(contact.attrs["QueueId"]), caller)


# -- attributes ------------------------------------------------------------------------------
def update_attributes(resources: Resources, contact: Resource, attributes: Mapping[str, str], caller: Caller) -> None:
    """UpdateContactAttributes: merged into the attributes the contact's chain shares."""
    bad = sorted(k for k in attributes if not _ATTRIBUTE_KEY.match(k))
    if bad:
        raise InvalidParameterException(
            f"Attribute keys can include only alphanumeric, dash, and underscore characters: {', '.join(bad)}"
        )
    merged = {**(contact.attrs.get("Attributes") or {}), **attributes}
    total = sum(_size(k) + _size(v) for k, v in merged.items())
    if total > ATTRIBUTES_MAX_BYTES:
        raise InvalidParameterException(
            f"The contact's attributes would hold {total} UTF-8 bytes, more than {ATTRIBUTES_MAX_BYTES}"
        )
    for each in chain(resources, contact):
        resources.update(each, {"Attributes": {**(each.attrs.get("Attributes") or {}), **attributes}}, caller)


# -- routing data ----------------------------------------------------------------------------
def _check_expression(instance: Container, expression: Mapping[str, Any]) -> None:
    for key in ("AttributeCondition", "NotAttributeCondition"):
        condition = expression.get(key)
        if not condition:
            continue
        name = condition.get("Name")
        if name is None:
            continue
        attribute = instance.children(PREDEFINED_ATTRIBUTE.kind).get(name)
        if attribute is None:
            raise ResourceNotFoundException(f"Predefined attribute not found: {name}")
        values = ((attribute.attrs.get("Values") or {}).get("StringList")) or []
        value = condition.get("Value")
        if value is not None and values and value not in values:
            raise InvalidParameterException(f"{value!r} is not a value of the predefined attribute {name}")
    for key in ("AndExpression", "OrExpression"):
        for inner in expression.get(key) or []:
            _check_expression(instance, inner)


def update_routing_data(resources: Resources, contact: Resource, params: Mapping[str, Any], caller: Caller) -> None:
    """UpdateContactRoutingData: a queued contact's priority or age, and its routing criteria."""
    priority, age, criteria = (
        params.get("QueuePriority"),
        params.get("QueueTimeAdjustmentSeconds"),
        params.get("RoutingCriteria"),
    )
    if priority is not None and age is not None:
        raise InvalidParameterException("Either QueuePriority or QueueTimeAdjustmentSeconds, not both")
    if priority is None and age is None and criteria is None:
        raise InvalidParameterException(
            "Provide QueuePriority, QueueTimeAdjustmentSeconds or RoutingCriteria to update"
        )
    if contacts.state(contact) != contacts.QUEUED:
        raise ResourceConflictException(f"Contact {contact.id} is not in a queue; only queued contacts can be updated")
    changes: dict[str, Any] = {}
    if priority is not None:
        changes.update({"QueuePriority": priority, "QueueTimeAdjustmentSeconds": None})
    if age is not None:
        changes.update({"QueueTimeAdjustmentSeconds": age, "QueuePriority": None})
    if criteria is not None:
        steps = criteria.get("Steps") or []
        for step in steps:
            _check_expression(contact.parent, step.get("Expression") or {})
        moment = now()
        index = int(contact.attrs.get(_ROUTING_INDEX, -1)) + 1
        rendered = []
        for i, step in enumerate(steps):
            out: dict[str, Any] = {"Status": "ACTIVE" if i == 0 else "INACTIVE"}
            if step.get("Expression"):
                out["Expression"] = step["Expression"]
            duration = (step.get("Expiry") or {}).get("DurationInSeconds")
            if duration is not None:
                expiry: dict[str, Any] = {"DurationInSeconds": duration}
                if i == 0:
                    expiry["ExpiryTimestamp"] = moment + dt.timedelta(seconds=duration)
                out["Expiry"] = expiry
            rendered.append(out)
        changes["RoutingCriteria"] = {"Steps": rendered, "ActivationTimestamp": moment, "Index": index}
        changes[_ROUTING_INDEX] = index
    resources.update(contact, changes, caller)


# -- schedule --------------------------------------------------------------------------------
def update_schedule(resources: Resources, contact: Resource, scheduled: dt.datetime, caller: Caller) -> None:
    """UpdateContactSchedule: a scheduled task's new time, not past and at most 6 days ahead."""
    if _channel_of(contact) != "TASK" or contacts.state(contact) != contacts.SCHEDULED:
        raise InvalidRequestException(f"Contact {contact.id} is not a scheduled task")
    if scheduled.tzinfo is None:
        scheduled = scheduled.replace(tzinfo=dt.timezone.utc)
    moment = now()
    if scheduled < moment:
        raise InvalidParameterException("The scheduled time cannot be in the past")
    if scheduled > moment + MAX_SCHEDULE_AHEAD:
        raise InvalidParameterException("The scheduled time must be within 6 days in the future")
    resources.update(contact, {"ScheduledTimestamp": scheduled}, caller)


# -- task template ---------------------------------------------------------------------------
def _field_name(identifier: Mapping[str, Any] | None) -> str | None:
    return (identifier or {}).get("Name")


def template_problems(template: Resource, references: Mapping[str, Mapping[str, Any]]) -> Problems:
    """What keeps a task's references from fitting a template's fields."""
    problems = Problems()
    fields = {
        _field_name(f.get("Id")): f.get("Type")
        for f in template.attrs.get("Fields") or []
        if f.get("Type") not in SINGLE_TYPES
    }
    required = {_field_name(e.get("Id")) for e in (template.attrs.get("Constraints") or {}).get("RequiredFields") or []}
    for name, field_type in fields.items():
        if name is None:
            continue
        expected = FIELD_REFERENCE_TYPES.get(str(field_type))
        reference = references.get(name)
        if reference is None:
            if name in required:
                problems.add(
                    f"References.{name}", "REQUIRED_PROPERTY_MISSING", f"The required field {name} has no reference"
                )
            continue
        if expected is not None and reference.get("Type") != expected:
            problems.add(
                f"References.{name}",
                "TYPE_MISMATCH",
                f"The field {name} ({field_type}) takes a reference of type {expected}, not {reference.get('Type')}",
            )
            continue
        value = str(reference.get("Value") or "")
        limit = _FIELD_MAX_LENGTH.get(str(field_type))
        if limit is not None and len(value) >= limit:
            problems.add(
                f"References.{name}", "INVALID_FORMAT", f"The field {name} takes fewer than {limit} characters"
            )
        if field_type == "BOOLEAN" and value not in ("true", "false"):
            problems.add(f"References.{name}", "INVALID_FORMAT", f"The field {name} takes true or false")
    return problems


def update_task_template(resources: Resources, contact: Resource, template_id: str, caller: Caller) -> None:
    """UpdateContactTaskTemplate: an in-progress task not yet with an agent takes another template."""
    if _channel_of(contact) != "TASK":
        raise InvalidRequestException(f"Contact {contact.id} is not a task")
    state = contacts.state(contact)
    if state in (contacts.DISCONNECTED, contacts.CONNECTED_TO_AGENT):
        raise InvalidRequestException(
            f"Contact {contact.id} is {'terminated' if state == contacts.DISCONNECTED else 'connected to an agent'}"
        )
    template = resources.get(TASK_TEMPLATE, contact.parent, template_id)
    if template.attrs.get("Status") != "ACTIVE":
        raise InvalidRequestException(f"Task template {template.id} is not ACTIVE")
    if contact.attrs.get(_TEMPLATE_ID) == template.id:
        raise InvalidRequestException(f"Contact {contact.id} already uses task template {template.id}")
    updates = int(contact.attrs.get(_TEMPLATE_UPDATES, 0))
    if updates >= MAX_TEMPLATE_UPDATES:
        raise ServiceQuotaExceededException(
            f"A contact's task template can be updated at most {MAX_TEMPLATE_UPDATES} times"
        )
    problems = template_problems(template, contact.attrs.get("References") or {})
    if problems:
        raise property_error(problems)
    changes = {
        "TaskTemplateInfo": {"Arn": template.arn, "Name": template.attrs["Name"]},
        _TEMPLATE_ID: template.id,
        _TEMPLATE_UPDATES: updates + 1,
    }
    resources.update(contact, changes, caller)


# -- tags ------------------------------------------------------------------------------------
def tag(resources: Resources, contact: Resource, tags: Mapping[str, str]) -> None:
    merged = {**resources.tags.get(contact.arn), **tags}
    if len(merged) > TAGS_PER_CONTACT:
        raise InvalidParameterException(f"A contact has at most {TAGS_PER_CONTACT} tags")
    resources.tags.add(contact.arn, dict(tags))


def untag(resources: Resources, contact: Resource, keys: list[str]) -> None:
    resources.tags.remove(contact.arn, keys)
