"""Starting contacts: the rules of the operations that make a contact (other than chats).

Every contact is made by the contact core's ``start`` (``contacts.py``); this module checks
what a contact is routed on before it is made, as the API Reference documents:

* **the flow** (``ContactFlowId``) exists in the instance, is published (a flow only ever
  ``SAVED`` has no content to run) and ``ACTIVE`` (not archived), and is of the type the
  operation runs (``CONTACT_FLOW``, the inbound flow type, for voice, web calls, tasks
  and emails; a quick connect's own flow type for a task started from a quick connect);
* **StartOutboundVoiceContact**: the instance has outbound calls enabled
  (``OutboundContactNotPermittedException``); ``SourcePhoneNumber`` is a number claimed by
  the instance, or ``QueueId`` names a queue whose outbound caller ID number does
  ("If you do not specify a source phone number, you must specify a queue"); UK mobile
  numbers (``+447``) are not allowed by default (``DestinationNotAllowedException``);
  answering machine detection is for ``CAMPAIGN`` traffic, which names a campaign of the
  instance; at most 10 concurrent active calls per instance (``LimitExceededException``);
* **StartTaskContact**: exactly one of ``ContactFlowId``, ``QuickConnectId`` and
  ``TaskTemplateId`` (a template alone needs a flow of its own, or a quick connect field
  with a default); an ``ACTIVE`` template's defaults apply and its required fields must
  be given (custom fields as references named after them); ``ScheduledTime`` in the future,
  at most 6 days ahead (the contact is then ``SCHEDULED``); at most 12 tasks share one
  ``PreviousContactId``; at most 2,500 active tasks per instance
  (``ServiceQuotaExceededException``);
* **emails** go to and come from email addresses of the instance (``email_addresses``);
  an inbound email without a flow runs the flow its address is associated with
  (``INBOUND_EMAIL``); an outbound email or agent reply is a contact made by
  CreateContact whose draft can be updated until it is sent;
* ``RelatedContactId`` and ``PreviousContactId`` name contacts of the instance, and their
  user-defined attributes are copied to the new contact; ``References`` are of the types
  the operation allows at creation, with values of their type; ``Attributes`` hold at
  most 32,768 UTF-8 bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.resources import Container, ModeledError, Resource, Resources, child
from ..core.validation import is_http_url
from . import chat, contacts
from . import flow_associations as fa
from .exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from .task_templates import FIELD_REFERENCE_TYPES, MAX_EXPIRY_MINUTES, is_email, is_number, iso_moment

# -- what AWS documents ------------------------------------------------------------------
#: the flow type a contact's own flow must be (inbound flows)
INBOUND = "CONTACT_FLOW"
#: quick connect type -> the type of its flow
QUICK_CONNECT_FLOWS = {"USER": "AGENT_TRANSFER", "QUEUE": "QUEUE_TRANSFER", "FLOW": INBOUND}
#: Connect quotas: concurrent active contacts per instance, by channel (name, default)
QUOTAS = {
    "VOICE": ("Concurrent active calls per instance", 10),
    "TASK": ("Concurrent active tasks per instance", 2500),
    "EMAIL": ("Concurrent active emails per instance", 2500),
}
#: StartTaskContact: "There can be a maximum of 12 linked task contacts in a chain"
PREVIOUS_CHAIN = 12
#: StartTaskContact's ScheduledTime: "It must be within up to 6 days in future"
SCHEDULE_WINDOW = dt.timedelta(days=6)
#: Attributes: "up to 32,768 UTF-8 bytes across all key-value pairs per contact"
MAX_ATTRIBUTE_BYTES = 32_768
#: reference types a contact can have at creation, per operation family
BASIC_REFERENCES = frozenset({"URL", "NUMBER", "STRING", "DATE", "EMAIL"})
EMAIL_REFERENCES = BASIC_REFERENCES | {"EMAIL_MESSAGE", "ATTACHMENT"}
CREATE_REFERENCES = BASIC_REFERENCES | {"ATTACHMENT"}
#: UK mobile numbers "are not allowed by default"
BLOCKED_PREFIXES = ("+447",)
#: CreateContact: the initiation methods of each channel
CREATE_METHODS = {"VOICE": ("TRANSFER",), "EMAIL": ("OUTBOUND", "AGENT_REPLY", "FLOW"), "TASK": ("API",)}
#: CreateContact: the subtype of the contacts of a channel
CREATE_SUBTYPES = {"VOICE": "connect:ExternalAudio", "TASK": "connect:ExternalTask"}
#: the email contacts whose message an agent (or the API) writes
DRAFTED = ("OUTBOUND", "AGENT_REPLY")
#: private attributes of an email contact: its message (a draft until sent) and whether it was sent
MESSAGE = "_EmailMessage"
SENT = "_Sent"

_ATTRIBUTE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")


# -- what a contact is routed on -----------------------------------------------------------
def flow(instance: Container, ident: str, wanted: str) -> Resource:
    """A published, active flow of ``wanted`` type of the instance."""
    found = child(instance, "contact-flow", ident)
    if found is None:
        raise ResourceNotFoundException(f"Contact flow not found: {ident}")
    if found.attrs.get("State") != "ACTIVE":
        raise InvalidRequestException(f"Contact flow {found.id} is archived; only an active flow can run a contact")
    if found.attrs.get("Status") != "PUBLISHED":
        raise InvalidRequestException(f"Contact flow {found.id} is not published; publish it before it runs contacts")
    if found.attrs.get("Type") != wanted:
        raise InvalidRequestException(
            f"Contact flow {found.id} is of type {found.attrs.get('Type')}; this contact runs a flow of type {wanted}"
        )
    return found


def contact(resources: Resources, instance: Container, ident: str, member: str) -> Resource:
    """A contact of the instance that a request names (``RelatedContactId``...)."""
    return contacts.find(
        resources, instance, ident, lambda _m: ResourceNotFoundException(f"{member} {ident}: contact not found")
    )


def _linked(resources: Resources, instance: Container, p: Mapping[str, Any], member: str) -> Resource | None:
    """The contact a request's optional member names, if it names one."""
    return contact(resources, instance, p[member], member) if p.get(member) else None


def _user_attributes(linked: Iterable[Resource | None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for each in linked:
        if each is not None:
            out.update(each.attrs.get("Attributes") or {})
    return out


def check_attributes(attributes: Mapping[str, str] | None) -> None:
    size = 0
    for key, value in (attributes or {}).items():
        if not _ATTRIBUTE_KEY.match(key):
            raise InvalidParameterException(
                f"Attribute key {key!r}: keys can include only alphanumeric, dash and underscore characters"
            )
        size += len(key.encode()) + len(str(value).encode())
    if size > MAX_ATTRIBUTE_BYTES:
        raise InvalidParameterException(
            f"Attributes hold {size} UTF-8 bytes; a contact has at most {MAX_ATTRIBUTE_BYTES}"
        )


_VALUE_CHECKS: dict[str, tuple[Callable[[str], bool], str]] = {
    "URL": (is_http_url, "an http or https URL"),
    "NUMBER": (is_number, "a number"),
    "DATE": (lambda v: iso_moment(v) is not None, "an ISO 8601 date"),
    "EMAIL": (is_email, "an email address"),
}


def references(given: Mapping[str, Any] | None, allowed: frozenset[str]) -> dict[str, dict[str, str]] | None:
    """The contact's references (name -> ``Reference``), each of an allowed type with a value of its type."""
    if not given:
        return None
    out: dict[str, dict[str, str]] = {}
    for name, reference in given.items():
        kind = reference.get("Type")
        value = reference.get("Value")
        if kind not in allowed:
            raise InvalidParameterException(
                f"Reference {name}: type {kind} is not supported when the contact is created "
                f"(supported: {', '.join(sorted(allowed))})"
            )
        if value is None:
            raise InvalidParameterException(f"Reference {name} of type {kind} needs a Value")
        check = _VALUE_CHECKS.get(str(kind))
        if check is not None and not check[0](value):
            raise InvalidParameterException(f"Reference {name}: {value!r} is not {check[1]}")
        out[name] = {"Type": kind, "Value": value}
    return out


def check_quota(instance: Container, resources: Resources, channel: str, code: str) -> None:
    """The instance's concurrent active contacts of ``channel`` are below AWS's quota."""
    quota = QUOTAS.get(channel)
    if quota is None:
        return
    name, limit = quota
    active = sum(
        1
        for c in contacts.contacts_of(resources, instance)
        if c.attrs.get("Channel") == channel and not contacts.ended(c)
    )
    if active >= limit:
        raise ModeledError(code, f"{name} is {limit}; the instance already has {active} active contacts of {channel}")


def _phone_number(instance: Container, number: str) -> Resource | None:
    if not instance.has_children("phone-number"):
        return None
    return next((n for n in instance.children("phone-number").values() if n.attrs.get("PhoneNumber") == number), None)


def _user(instance: Container, ident: str, member: str) -> Resource:
    found = child(instance, "user", ident)
    if found is None:
        raise ResourceNotFoundException(f"{member} {ident}: user not found")
    return found


def check_segment_attributes(instance: Container, segment: Mapping[str, Any] | None) -> None:
    """The system segment attributes AWS documents for new contacts: expiry and creating user."""
    segment = segment or {}
    expiry = segment.get("connect:ContactExpiry")
    if expiry is not None:
        minutes = ((expiry.get("ValueMap") or {}).get("ExpiryDuration") or {}).get("ValueInteger")
        if minutes is None or not 1 <= minutes <= MAX_EXPIRY_MINUTES:
            raise InvalidParameterException(
                "connect:ContactExpiry needs ValueMap.ExpiryDuration.ValueInteger, "
                f"between 1 and {MAX_EXPIRY_MINUTES} minutes"
            )
    creator = segment.get("connect:CreatedByUser")
    if creator is not None:
        arn = creator.get("ValueString") or creator.get("ValueArn") or ""
        _user(instance, arn, "connect:CreatedByUser")


# -- voice ------------------------------------------------------------------------------------
def _campaign_of(caller: Caller, instance: Container, campaign_id: str) -> None:
    from ..connectcampaigns.models import connectcampaigns_backends

    campaign = connectcampaigns_backends[caller.account_id][caller.region].campaigns.get(campaign_id)
    if campaign is None or campaign.instance_id != instance.id:
        raise ResourceNotFoundException(f"Campaign {campaign_id} not found for instance {instance.id}")


def start_outbound_voice(resources: Resources, instance: Any, caller: Caller, p: Mapping[str, Any]) -> Resource:
    if instance.attributes.get("OUTBOUND_CALLS") != "true":
        raise ModeledError(
            "OutboundContactNotPermittedException",
            f"Outbound calls are not enabled for instance {instance.id} (instance attribute OUTBOUND_CALLS)",
        )
    destination = p["DestinationPhoneNumber"]
    if destination.startswith(BLOCKED_PREFIXES):
        raise ModeledError(
            "DestinationNotAllowedException",
            f"Outbound calls to {destination} are not allowed: UK mobile numbers need a service quota increase",
        )
    run = flow(instance, p["ContactFlowId"], INBOUND)
    attrs: dict[str, Any] = {"ContactFlowId": run.id}
    source = p.get("SourcePhoneNumber")
    if p.get("QueueId"):
        queue = child(instance, "queue", p["QueueId"])
        if queue is None:
            raise ResourceNotFoundException(f"Queue not found: {p['QueueId']}")
        attrs["QueueId"] = queue.id
        caller_id = queue.attrs.get("OutboundCallerIdNumberId")
        number = child(instance, "phone-number", caller_id) if caller_id else None
        if source is None:
            if number is None:
                raise InvalidRequestException(
                    f"Queue {queue.id} has no outbound caller ID number; give a SourcePhoneNumber"
                )
            source = number.attrs["PhoneNumber"]
    if source is None:
        raise InvalidRequestException("Give a SourcePhoneNumber or a QueueId whose outbound caller ID number is used")
    if _phone_number(instance, source) is None:
        raise ResourceNotFoundException(f"Phone number {source} is not claimed by instance {instance.id}")
    traffic = p.get("TrafficType") or "GENERAL"
    detection = p.get("AnswerMachineDetectionConfig") or {}
    if detection.get("EnableAnswerMachineDetection") and traffic != "CAMPAIGN":
        raise InvalidParameterException("Answering machine detection is for TrafficType CAMPAIGN")
    if detection.get("AwaitAnswerMachinePrompt") and not detection.get("EnableAnswerMachineDetection"):
        raise InvalidParameterException("AwaitAnswerMachinePrompt needs EnableAnswerMachineDetection")
    campaign = p.get("CampaignId")
    if traffic == "CAMPAIGN" and campaign is None:
        raise InvalidParameterException("TrafficType CAMPAIGN needs a CampaignId")
    if campaign is not None:
        _campaign_of(caller, instance, campaign)
        attrs["Campaign"] = {"CampaignId": campaign}
    related = _linked(resources, instance, p, "RelatedContactId")
    check_attributes(p.get("Attributes"))
    check_quota(instance, resources, "VOICE", "LimitExceededException")
    attrs.update(
        {
            **_described(p, related, BASIC_REFERENCES),
            "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": destination},
            "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": source},
            "OutboundStrategy": p.get("OutboundStrategy"),
            "_TrafficType": traffic,
            "_AnswerMachineDetectionConfig": detection or None,
            "_RingTimeoutInSeconds": p.get("RingTimeoutInSeconds") or 60,
        }
    )
    return contacts.start(resources, instance, caller, "VOICE", "API", _present(attrs))


def _present(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def _described(p: Mapping[str, Any], related: Resource | None, allowed: frozenset[str]) -> dict[str, Any]:
    """What a start takes as given: the name and description, the related contact, the attributes
    (the request's over the related contact's) and the references (of the ``allowed`` types)."""
    return {
        "Name": p.get("Name"),
        "Description": p.get("Description"),
        "RelatedContactId": related.id if related else None,
        "Attributes": {**_user_attributes([related]), **(p.get("Attributes") or {})},
        "References": references(p.get("References"), allowed),
    }


def _customer(p: Mapping[str, Any]) -> dict[str, Any]:
    """The customer who starts a web call or an AI agent's chat: an ID and a token of its own."""
    return {
        "ParticipantId": str(uuid.uuid4()),
        "ParticipantToken": secrets.token_urlsafe(48),
        "Role": "CUSTOMER",
        "DisplayName": p["ParticipantDetails"]["DisplayName"],
    }


def _joined(made: Resource, participant: Mapping[str, Any]) -> dict[str, Any]:
    """What a start answers the customer with: the contact, and the customer's ID and token."""
    return {
        "ContactId": made.id,
        "ParticipantId": participant["ParticipantId"],
        "ParticipantToken": participant["ParticipantToken"],
    }


# -- web calls -----------------------------------------------------------------------------
def start_webrtc(
    resources: Resources, instance: Any, caller: Caller, p: Mapping[str, Any]
) -> tuple[Resource, dict[str, Any]]:
    """A web or in-app call (VOICE, ``WEBRTC_API``) and the customer's meeting connection."""
    run = flow(instance, p["ContactFlowId"], INBOUND)
    related = _linked(resources, instance, p, "RelatedContactId")
    check_attributes(p.get("Attributes"))
    check_quota(instance, resources, "VOICE", "LimitExceededException")
    segment = dict(p.get("SegmentAttributes") or {})
    segment.setdefault("connect:Subtype", {"ValueString": "connect:WebRTC"})
    participant = _customer(p)
    attrs = {
        "ContactFlowId": run.id,
        **_described(p, related, BASIC_REFERENCES),
        "SegmentAttributes": segment,
        "CustomerEndpoint": {"Type": "VOIP", "DisplayName": participant["DisplayName"]},
        "_AllowedCapabilities": p.get("AllowedCapabilities"),
        "_Participants": [participant],
    }
    made = contacts.start(resources, instance, caller, "VOICE", "WEBRTC_API", _present(attrs))
    # the call's meeting and the customer's attendee, the same CreateParticipantConnection
    # (WEBRTC_CONNECTION) gives the customer's participant token later
    customer = made.attrs["_Participants"][0]
    connection = {"Attendee": chat.call_attendee(customer), "Meeting": chat.call_meeting(made, caller.region)}
    return made, {"ConnectionData": connection, **_joined(made, customer)}


# -- tasks ------------------------------------------------------------------------------------
def _quick_connect_route(instance: Container, ident: str) -> tuple[Resource, dict[str, Any]]:
    """The flow (and queue) a task started from a quick connect runs on."""
    quick = child(instance, "quick-connect", ident)
    if quick is None:
        raise ResourceNotFoundException(f"Quick connect not found: {ident}")
    kind = quick.attrs.get("QuickConnectType")
    wanted = QUICK_CONNECT_FLOWS.get(str(kind))
    if wanted is None or not quick.attrs.get("ContactFlowId"):
        raise InvalidRequestException(f"Quick connect {quick.id} of type {kind} has no flow to run a task")
    run = flow(instance, quick.attrs["ContactFlowId"], wanted)
    route: dict[str, Any] = {"ContactFlowId": run.id}
    if kind == "QUEUE" and quick.attrs.get("QueueId"):
        route["QueueId"] = quick.attrs["QueueId"]
    return quick, route


def _field_name(entry: Mapping[str, Any]) -> str | None:
    return (entry.get("Id") or {}).get("Name")


def _parse_time(value: Any) -> dt.datetime | None:
    if isinstance(value, str):
        value = iso_moment(value)
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _apply_template(instance: Container, template: Resource, task: dict[str, Any]) -> dict[str, Any] | None:
    """The template's defaults on the task, its required fields checked; the route of its quick connect field."""
    if template.attrs.get("Status") != "ACTIVE":
        raise InvalidRequestException(f"Task template {template.id} is not ACTIVE")
    fields = {_field_name(f): f.get("Type") for f in template.attrs.get("Fields") or []}
    defaults = {
        _field_name(d): d.get("DefaultValue")
        for d in (template.attrs.get("Defaults") or {}).get("DefaultFieldValues") or []
        if d.get("DefaultValue") not in (None, "")
    }
    refs: dict[str, dict[str, str]] = task.setdefault("References", {})
    route = None
    for name, kind in fields.items():
        if name is None:
            continue
        default = defaults.get(name)
        if kind == "NAME":
            if not task.get("Name") and default:
                task["Name"] = default
        elif kind == "DESCRIPTION":
            if not task.get("Description") and default:
                task["Description"] = default
        elif kind == "SCHEDULED_TIME":
            if task.get("ScheduledTime") is None and default:
                task["ScheduledTime"] = _parse_time(default)
        elif kind == "QUICK_CONNECT":
            if default:
                _, route = _quick_connect_route(instance, default)
        elif kind in FIELD_REFERENCE_TYPES:
            wanted = FIELD_REFERENCE_TYPES[kind]
            given = refs.get(name)
            if given is None and default:
                refs[name] = {"Type": wanted, "Value": default}
            elif given is not None and given["Type"] != wanted:
                raise InvalidParameterException(
                    f"Reference {name} is the template's {kind} field: its type must be {wanted}, not {given['Type']}"
                )
            options = next(
                (f.get("SingleSelectOptions") for f in template.attrs["Fields"] if _field_name(f) == name), None
            )
            if kind == "SINGLE_SELECT" and name in refs and refs[name]["Value"] not in (options or []):
                raise InvalidParameterException(
                    f"Reference {name}: {refs[name]['Value']!r} is not an option of the field"
                )
    present = {
        "NAME": lambda _n: bool(task.get("Name")),
        "DESCRIPTION": lambda _n: bool(task.get("Description")),
        "SCHEDULED_TIME": lambda _n: task.get("ScheduledTime") is not None,
        "QUICK_CONNECT": lambda _n: route is not None,
    }
    for entry in (template.attrs.get("Constraints") or {}).get("RequiredFields") or []:
        name = _field_name(entry)
        kind = fields.get(name)
        check = present.get(str(kind), lambda n: n in refs)
        if kind in ("SELF_ASSIGN", "EXPIRY_DURATION"):
            continue
        if not check(name):
            raise InvalidParameterException(f"Task template {template.id} requires the field {name}")
    if not refs:
        task.pop("References")
    return route


def start_task(resources: Resources, instance: Container, caller: Caller, p: Mapping[str, Any]) -> Resource:
    chosen = [m for m in ("ContactFlowId", "QuickConnectId", "TaskTemplateId") if p.get(m)]
    if len(chosen) != 1:
        raise InvalidRequestException(
            "Give exactly one of ContactFlowId, QuickConnectId and TaskTemplateId"
            + (f" (given: {', '.join(chosen)})" if chosen else "")
        )
    task: dict[str, Any] = {
        "Name": p["Name"],
        "Description": p.get("Description"),
        "ScheduledTime": p.get("ScheduledTime"),
        "References": references(p.get("References"), BASIC_REFERENCES) or {},
    }
    route: dict[str, Any] | None = None
    if p.get("ContactFlowId"):
        route = {"ContactFlowId": flow(instance, p["ContactFlowId"], INBOUND).id}
    elif p.get("QuickConnectId"):
        _, route = _quick_connect_route(instance, p["QuickConnectId"])
    else:
        template = child(instance, "task-template", p["TaskTemplateId"])
        if template is None:
            raise ResourceNotFoundException(f"Task template not found: {p['TaskTemplateId']}")
        field_route = _apply_template(instance, template, task)
        if template.attrs.get("ContactFlowId"):
            route = {"ContactFlowId": flow(instance, template.attrs["ContactFlowId"], INBOUND).id}
        elif field_route is not None:
            route = field_route
        else:
            raise InvalidRequestException(
                f"Task template {template.id} has no flow configured: give a ContactFlowId or a QuickConnectId instead"
            )
        task["TaskTemplateInfo"] = {"Arn": template.arn, "Name": template.attrs.get("Name")}
    scheduled = task.pop("ScheduledTime")
    if scheduled is not None:
        moment = now()
        if scheduled < moment:
            raise InvalidParameterException("ScheduledTime cannot be in the past")
        if scheduled > moment + SCHEDULE_WINDOW:
            raise InvalidParameterException("ScheduledTime must be within 6 days in the future")
    previous = _linked(resources, instance, p, "PreviousContactId")
    related = _linked(resources, instance, p, "RelatedContactId")
    if previous is not None:
        chain = sum(
            1 for c in contacts.contacts_of(resources, instance) if c.attrs.get("PreviousContactId") == previous.id
        )
        if chain >= PREVIOUS_CHAIN:
            raise ModeledError(
                "ServiceQuotaExceededException",
                f"{chain} tasks already reference the previous contact {previous.id}; the most is {PREVIOUS_CHAIN}",
            )
    check_attributes(p.get("Attributes"))
    check_segment_attributes(instance, p.get("SegmentAttributes"))
    check_quota(instance, resources, "TASK", "ServiceQuotaExceededException")
    attrs = {
        **task,
        **route,
        "References": task.get("References") or None,
        "PreviousContactId": previous.id if previous else None,
        "RelatedContactId": related.id if related else None,
        "Attributes": {**_user_attributes([previous, related]), **(p.get("Attributes") or {})},
        "SegmentAttributes": p.get("SegmentAttributes"),
        "ScheduledTimestamp": scheduled,
        "_Attachments": p.get("Attachments"),
    }
    return contacts.start(resources, instance, caller, "TASK", "API", _present(attrs), scheduled=scheduled is not None)


# -- email ------------------------------------------------------------------------------------
def email_address(instance: Container, address: str, member: str) -> Resource:
    """The email address of the instance with this address (case-insensitive)."""
    ident = instance.names("email-address").get(address.lower()) if instance.has_children("email-address") else None
    found = child(instance, "email-address", ident) if ident else None
    if found is None:
        raise ResourceNotFoundException(f"{member} {address} is not an email address of instance {instance.id}")
    return found


def _recipients(entries: Iterable[Mapping[str, Any]] | None) -> list[dict[str, str]] | None:
    out = [
        {"Address": e["EmailAddress"], **({"DisplayName": e["DisplayName"]} if e.get("DisplayName") else {})}
        for e in entries or ()
    ]
    return out or None


def _endpoint(info: Mapping[str, Any]) -> dict[str, str]:
    endpoint = {"Type": "EMAIL_ADDRESS", "Address": info["EmailAddress"]}
    if info.get("DisplayName"):
        endpoint["DisplayName"] = info["DisplayName"]
    return endpoint


def _check_message(message: Mapping[str, Any]) -> None:
    kind = message.get("MessageSourceType")
    if kind == "RAW" and not message.get("RawMessage"):
        raise InvalidParameterException("MessageSourceType RAW needs a RawMessage")
    if kind == "TEMPLATE" and not message.get("TemplatedMessageConfig"):
        raise InvalidParameterException("MessageSourceType TEMPLATE needs a TemplatedMessageConfig")


def start_email(resources: Resources, instance: Container, caller: Caller, p: Mapping[str, Any]) -> Resource:
    """An inbound email to an address of the instance, on the given flow or its address's flow."""
    address = email_address(instance, p["DestinationEmailAddress"], "DestinationEmailAddress")
    if p.get("ContactFlowId"):
        run = flow(instance, p["ContactFlowId"], INBOUND)
    else:
        association = fa.find(resources, instance, fa.INBOUND_EMAIL, address.arn)
        if association is None:
            raise InvalidRequestException(
                f"Email address {address.id} has no inbound flow: associate one (AssociateFlow) or give a ContactFlowId"
            )
        run = flow(instance, association.attrs["FlowId"], INBOUND)
    _check_message(p["EmailMessage"])
    related = _linked(resources, instance, p, "RelatedContactId")
    check_attributes(p.get("Attributes"))
    check_segment_attributes(instance, p.get("SegmentAttributes"))
    check_quota(instance, resources, "EMAIL", "ServiceQuotaExceededException")
    extra = p.get("AdditionalRecipients") or {}
    cc = _recipients(extra.get("CcAddresses"))
    to = _recipients(extra.get("ToAddresses"))
    attrs = {
        "ContactFlowId": run.id,
        **_described(p, related, EMAIL_REFERENCES),
        "SegmentAttributes": p.get("SegmentAttributes"),
        "CustomerEndpoint": _endpoint(p["FromEmailAddress"]),
        "SystemEndpoint": {"Type": "EMAIL_ADDRESS", "Address": address.attrs["EmailAddress"]},
        "AdditionalEmailRecipients": _present({"ToList": to, "CcList": cc}) or None,
        MESSAGE: p["EmailMessage"],
        "_Attachments": p.get("Attachments"),
    }
    return contacts.start(resources, instance, caller, "EMAIL", "INBOUND", _present(attrs))


def _drafted(resources: Resources, instance: Container, contact_id: str) -> Resource:
    """An active outbound email or agent reply made by CreateContact."""
    found = contact(resources, instance, contact_id, "ContactId")
    if found.attrs.get("Channel") != "EMAIL" or found.attrs.get("InitiationMethod") not in DRAFTED:
        raise InvalidRequestException(
            f"Contact {found.id} is not an email contact initiated by OUTBOUND or AGENT_REPLY "
            f"(it is {found.attrs.get('Channel')} {found.attrs.get('InitiationMethod')})"
        )
    return contacts.active(found)


def update_outbound_message(
    resources: Resources, instance: Container, caller: Caller, contact_id: str, message: Mapping[str, Any]
) -> Resource:
    found = _drafted(resources, instance, contact_id)
    if found.attrs.get(SENT):
        raise ResourceConflictException(f"The email of contact {found.id} has been sent; its draft cannot change")
    resources.update(found, {MESSAGE: dict(message)}, caller)
    return found


def start_outbound_email(resources: Resources, instance: Container, caller: Caller, p: Mapping[str, Any]) -> Resource:
    """Send an outbound email or agent reply made by CreateContact, from an address of the instance."""
    found = _drafted(resources, instance, p["ContactId"])
    if found.attrs.get(SENT):
        raise InvalidRequestException(f"The email of contact {found.id} has already been sent")
    sender = p.get("FromEmailAddress")
    if sender is not None:
        origin = email_address(instance, sender["EmailAddress"], "FromEmailAddress")
    else:
        origin = _default_sender(resources, instance, found)
    _check_message(p["EmailMessage"])
    changes = {
        "CustomerEndpoint": _endpoint(p["DestinationEmailAddress"]),
        "SystemEndpoint": {
            "Type": "EMAIL_ADDRESS",
            "Address": origin.attrs["EmailAddress"],
            **({"DisplayName": sender["DisplayName"]} if sender and sender.get("DisplayName") else {}),
        },
        "AdditionalEmailRecipients": _present(
            {"CcList": _recipients((p.get("AdditionalRecipients") or {}).get("CcEmailAddresses"))}
        )
        or None,
        MESSAGE: p["EmailMessage"],
        SENT: True,
    }
    resources.update(found, changes, caller)
    return found


def _default_sender(resources: Resources, instance: Container, found: Resource) -> Resource:
    """Without ``FromEmailAddress``: the address a reply's email came to, or its queue's outbound address."""
    related = found.attrs.get("RelatedContactId")
    original = contacts.find(resources, instance, related, lambda m: ResourceNotFoundException(m)) if related else None
    system = (original.attrs.get("SystemEndpoint") or {}) if original else {}
    if system.get("Type") == "EMAIL_ADDRESS":
        return email_address(instance, system["Address"], "the replied email's address")
    queue = child(instance, "queue", found.attrs["QueueId"]) if found.attrs.get("QueueId") else None
    outbound = queue.attrs.get("OutboundEmailAddressId") if queue else None
    if outbound and child(instance, "email-address", outbound):
        return child(instance, "email-address", outbound)  # type: ignore[return-value]
    raise InvalidRequestException(f"Contact {found.id} has no address to send from: give a FromEmailAddress")


def send_outbound_email(resources: Resources, instance: Container, caller: Caller, p: Mapping[str, Any]) -> Resource:
    """An outbound campaign's email, sent from an address of the instance (an EMAIL contact)."""
    if p["TrafficType"] != "CAMPAIGN":
        raise InvalidRequestException("Only the CAMPAIGN traffic type is supported")
    campaign = (p.get("SourceCampaign") or {}).get("CampaignId")
    if not campaign:
        raise InvalidRequestException("TrafficType CAMPAIGN needs a SourceCampaign with a CampaignId")
    origin = email_address(instance, p["FromEmailAddress"]["EmailAddress"], "FromEmailAddress")
    _check_message(p["EmailMessage"])
    check_quota(instance, resources, "EMAIL", "ServiceQuotaExceededException")
    sender = p["FromEmailAddress"]
    attrs = {
        "Campaign": {"CampaignId": campaign},
        "CustomerEndpoint": _endpoint(p["DestinationEmailAddress"]),
        "SystemEndpoint": {**_endpoint(sender), "Address": origin.attrs["EmailAddress"]},
        "AdditionalEmailRecipients": _present(
            {"CcList": _recipients((p.get("AdditionalRecipients") or {}).get("CcEmailAddresses"))}
        )
        or None,
        MESSAGE: p["EmailMessage"],
        SENT: True,
        "_OutboundRequestId": (p.get("SourceCampaign") or {}).get("OutboundRequestId"),
    }
    return contacts.start(resources, instance, caller, "EMAIL", "OUTBOUND", _present(attrs))


# -- CreateContact ---------------------------------------------------------------------------
def create_contact(resources: Resources, instance: Container, caller: Caller, p: Mapping[str, Any]) -> Resource:
    channel, method = p["Channel"], p["InitiationMethod"]
    methods = CREATE_METHODS.get(channel)
    if methods is None:
        raise InvalidParameterException(
            f"CreateContact supports the channels {', '.join(CREATE_METHODS)}, not {channel}"
        )
    if method not in methods:
        raise InvalidParameterException(
            f"A {channel} contact is created with the initiation method {' or '.join(methods)}, not {method}"
        )
    user_id = (p.get("UserInfo") or {}).get("UserId")
    if channel == "EMAIL" and method in DRAFTED and not user_id:
        raise InvalidParameterException(f"UserInfo is required for an EMAIL contact initiated by {method}")
    initiate_as = p.get("InitiateAs")
    if initiate_as == "COMPLETED" and channel != "TASK":
        raise InvalidParameterException("Only TASK contacts can be created COMPLETED")
    if initiate_as == "CONNECTED_TO_USER" and not user_id:
        raise InvalidParameterException("InitiateAs CONNECTED_TO_USER needs UserInfo")
    user = _user(instance, user_id, "UserInfo.UserId") if user_id else None
    if p.get("PreviousContactId") and channel != "VOICE":
        raise InvalidRequestException("PreviousContactId can be given only for external audio (VOICE) contacts")
    previous = _linked(resources, instance, p, "PreviousContactId")
    related = _linked(resources, instance, p, "RelatedContactId")
    check_attributes(p.get("Attributes"))
    check_segment_attributes(instance, p.get("SegmentAttributes"))
    expiry = p.get("ExpiryDurationInMinutes")
    if expiry is not None and not 1 <= expiry <= MAX_EXPIRY_MINUTES:
        raise InvalidParameterException(f"ExpiryDurationInMinutes must be between 1 and {MAX_EXPIRY_MINUTES}")
    if initiate_as != "COMPLETED":
        check_quota(instance, resources, channel, "ServiceQuotaExceededException")
    segment = dict(p.get("SegmentAttributes") or {})
    if channel in CREATE_SUBTYPES:
        segment.setdefault("connect:Subtype", {"ValueString": CREATE_SUBTYPES[channel]})
    attrs = {
        "Name": p.get("Name"),
        "Description": p.get("Description"),
        "PreviousContactId": previous.id if previous else None,
        "InitialContactId": (previous.attrs.get("InitialContactId") or previous.id) if previous else None,
        "RelatedContactId": related.id if related else None,
        "Attributes": {**_user_attributes([previous, related]), **(p.get("Attributes") or {})},
        "References": references(p.get("References"), CREATE_REFERENCES),
        "SegmentAttributes": segment or None,
        "_ExpiryDurationInMinutes": expiry,
        "_CreatedBy": user.id if user else None,
    }
    made = contacts.start(resources, instance, caller, channel, method, _present(attrs))
    if initiate_as == "CONNECTED_TO_USER" and user is not None:
        contacts.route_to_agent(resources, made, user.id, caller)
    elif initiate_as == "COMPLETED":
        contacts.end(resources, made, caller)
    return made


# -- BatchPutContact ---------------------------------------------------------------------------
def _batch_problem(instance: Container, request: Mapping[str, Any]) -> tuple[str, str] | None:
    """(FailureReasonCode, message) of one contact data request that cannot be taken."""
    customer = request.get("CustomerEndpoint")
    if not customer or not customer.get("Address"):
        return "MISSING_CUSTOMER_ENDPOINT", "A contact needs a CustomerEndpoint"
    if customer.get("Type", "TELEPHONE_NUMBER") != "TELEPHONE_NUMBER" or not _E164.match(customer["Address"]):
        return "INVALID_CUSTOMER_ENDPOINT", "The CustomerEndpoint must be a TELEPHONE_NUMBER in E.164 format"
    system = request.get("SystemEndpoint")
    if not request.get("QueueId") and not system:
        return "MISSING_QUEUE_ID_AND_SYSTEM_ENDPOINT", "A contact needs a QueueId or a SystemEndpoint"
    if request.get("QueueId") and child(instance, "queue", request["QueueId"]) is None:
        return "INVALID_QUEUE", f"Queue not found: {request['QueueId']}"
    if system and (
        system.get("Type", "TELEPHONE_NUMBER") != "TELEPHONE_NUMBER"
        or _phone_number(instance, system.get("Address") or "") is None
    ):
        return "INVALID_SYSTEM_ENDPOINT", "The SystemEndpoint must be a phone number claimed by the instance"
    if not (request.get("Campaign") or {}).get("CampaignId"):
        return "MISSING_CAMPAIGN", "A contact needs the Campaign it belongs to"
    for key in request.get("Attributes") or {}:
        if not _ATTRIBUTE_KEY.match(key):
            return "INVALID_ATTRIBUTE_KEY", f"Attribute key {key!r} is not valid"
    return None


def batch_put(
    resources: Resources, instance: Container, caller: Caller, requests: list[Mapping[str, Any]]
) -> dict[str, list[dict[str, str]]]:
    succeeded: list[dict[str, str]] = []
    failed: list[dict[str, str]] = []
    seen: set[str] = set()
    for request in requests:
        ident = request.get("RequestIdentifier")
        problem = _batch_problem(instance, request)
        if problem is None and ident is not None and ident in seen:
            problem = ("IDEMPOTENCY_EXCEPTION", f"RequestIdentifier {ident} is used twice in the batch")
        if problem is not None:
            failed.append(
                _present(
                    {"RequestIdentifier": ident, "FailureReasonCode": problem[0], "FailureReasonMessage": problem[1]}
                )
            )
            continue
        if ident is not None:
            seen.add(ident)
        queue = child(instance, "queue", request["QueueId"]) if request.get("QueueId") else None
        attrs = {
            "QueueId": queue.id if queue else None,
            "Attributes": dict(request.get("Attributes") or {}),
            "Campaign": request["Campaign"],
            "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": request["CustomerEndpoint"]["Address"]},
            "SystemEndpoint": (
                {"Type": "TELEPHONE_NUMBER", "Address": request["SystemEndpoint"]["Address"]}
                if request.get("SystemEndpoint")
                else None
            ),
            "OutboundStrategy": request.get("OutboundStrategy"),
        }
        made = contacts.start(resources, instance, caller, "VOICE", "API", _present(attrs))
        succeeded.append(_present({"RequestIdentifier": ident, "ContactId": made.id}))
    return {"SuccessfulRequestList": succeeded, "FailedRequestList": failed}


# -- StartAssistantContact --------------------------------------------------------------------
def start_assistant(
    resources: Resources, instance: Container, caller: Caller, p: Mapping[str, Any]
) -> tuple[Resource, dict[str, Any]]:
    """A chat with an AI agent (Amazon Q in Connect, which the plugin does not serve: its ID is
    checked by form only)."""
    persistent = p.get("PersistentChat")
    if persistent and p.get("RelatedContactId"):
        raise InvalidRequestException("Give RelatedContactId or PersistentChat, not both")
    source = None
    if persistent:
        if not persistent.get("SourceContactId") or not persistent.get("RehydrationType"):
            raise InvalidParameterException("PersistentChat needs a RehydrationType and a SourceContactId")
        source = contact(resources, instance, persistent["SourceContactId"], "PersistentChat.SourceContactId")
        if source.attrs.get("Channel") != "CHAT" or not contacts.ended(source):
            raise InvalidRequestException(
                f"Contact {source.id} is not a chat that has ended: only a past chat can be continued"
            )
    related = _linked(resources, instance, p, "RelatedContactId")
    check_attributes(p.get("Attributes"))
    participant = _customer(p)
    attrs = {
        "RelatedContactId": related.id if related else None,
        "PreviousContactId": source.id if source else None,
        "Attributes": {**_user_attributes([related, source]), **(p.get("Attributes") or {})},
        "SegmentAttributes": {"connect:Subtype": {"ValueString": "connect:Chat"}},
        "_AiAgent": dict(p["AiAgent"]),
        "_InitialMessage": p.get("InitialMessage"),
        "_Participants": [participant],
    }
    made = contacts.start(resources, instance, caller, "CHAT", "API", _present(attrs))
    out = _joined(made, participant)
    if source is not None:
        out["ContinuedFromContactId"] = source.id
    return made, out
