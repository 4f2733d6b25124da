"""Queues, declared on the resource layer.

A queue names hours of operation, optionally an outbound whisper flow, an outbound
caller ID number, email addresses, and the quick connects its agents see.  The
nested members of the API (``OutboundCallerConfig``, ``OutboundEmailConfig``) are
kept flat, so the layer can check what they name, and put back together when a
queue is rendered.

The rules that are the queue's own:

* ``CreateQueue`` makes ``STANDARD`` queues, ``ENABLED`` unless updated; agent
  queues (``AGENT``) are created and deleted with their users (connect/users.py;
  Administrator Guide, "Queues: standard and agent": "These queues are created
  automatically when you add an agent"), so ``DeleteQueue`` refuses them with
  ``InvalidRequestException``;
* the outbound whisper flow is a flow of type ``OUTBOUND_WHISPER`` (the API names
  it "the outbound whisper flow");
* at most 700 quick connects per queue (AWS's feature specification "Quick
  connects you can assign to a queue"), ``LimitExceededException`` beyond;
* deleting a quick connect takes it off every queue that lists it (AWS models no
  in-use error for ``DeleteQuickConnect``);
* ``OutboundCallerIdNumberId`` names a phone number claimed to the queue's instance
  (connect/phone_numbers.py), by ID, by ARN, or by the legacy ARN with the instance
  in its path; anything else is ``ResourceNotFoundException``.  It is kept as given,
  and checked whenever a request sets it.  Releasing the number is not refused (AWS
  documents no such rule: "If the phone number is associated with a flow, that flow
  will be deactivated" is all its release page says of what uses a number), so the
  queue may keep the ID of a number that is gone.

Every instance comes with ``BasicQueue`` (``seed_defaults``): a standard, enabled
queue on the ``Basic Hours`` hours of operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, ModeledError, Ref, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException, ResourceNotFoundException

STANDARD = "STANDARD"
#: the type of the queue every user comes with
AGENT = "AGENT"
#: AWS's feature specification "Quick connects you can assign to a queue"
MAX_QUICK_CONNECTS = 700
#: the flow type ``OutboundCallerConfig.OutboundFlowId`` must name
OUTBOUND_FLOW_TYPE = "OUTBOUND_WHISPER"
#: the members of ``OutboundCallerConfig``, kept as attributes of the queue
CALLER_MEMBERS = ("OutboundCallerIdName", "OutboundCallerIdNumberId", "OutboundFlowId")

#: the kind phone numbers are declared under (connect/phone_numbers.py), children of their instance
PHONE_NUMBER_KIND = "phone-number"


def caller_config_attrs(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """An ``OutboundCallerConfig`` as queue attributes (every member, None where absent)."""
    config = config or {}
    return {member: config.get(member) for member in CALLER_MEMBERS}


def queue_attrs(params: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of a new queue, from a ``CreateQueue`` request."""
    attrs = {k: params[k] for k in ("Name", "Description", "HoursOfOperationId", "MaxContacts") if k in params}
    attrs.update({k: v for k, v in caller_config_attrs(params.get("OutboundCallerConfig")).items() if v is not None})
    email = (params.get("OutboundEmailConfig") or {}).get("OutboundEmailAddressId")
    if email is not None:
        attrs["OutboundEmailAddressId"] = email
    if params.get("QuickConnectIds"):
        attrs["QuickConnectIds"] = list(dict.fromkeys(params["QuickConnectIds"]))
    if params.get("EmailAddressesConfig"):
        attrs["EmailAddressIds"] = list(dict.fromkeys(c["EmailAddressId"] for c in params["EmailAddressesConfig"]))
    return attrs


def quick_connect_ids(queue: Resource) -> list[str]:
    """The IDs of the quick connects a queue lists, in the order they were added."""
    return list(queue.attrs.get("QuickConnectIds") or ())


def with_quick_connects(queue: Resource, added: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*quick_connect_ids(queue), *added]))


def without_quick_connects(queue: Resource, removed: Iterable[str]) -> list[str]:
    gone = set(removed)
    return [i for i in quick_connect_ids(queue) if i not in gone]


def forget_quick_connect(resources: Resources, root: Container, quick_connect_id: str) -> None:
    """A deleted quick connect leaves every queue that listed it (the queues are not modified otherwise)."""
    for queue in resources.all(QUEUE, root):
        ids = queue.attrs.get("QuickConnectIds")
        if ids and quick_connect_id in ids:
            queue.attrs["QuickConnectIds"] = [i for i in ids if i != quick_connect_id]


def check_caller_number(instance: Container, config: Mapping[str, Any] | None) -> None:
    """An ``OutboundCallerConfig``'s ``OutboundCallerIdNumberId`` names a number claimed to ``instance``.

    The number is named by its ID, its ARN (``phone-number/<id>``) or the legacy ARN
    ListPhoneNumbers answers (``instance/<instance id>/phone-number/<id>``)."""
    value = (config or {}).get("OutboundCallerIdNumberId")
    if value is None:
        return
    ident = value.rsplit("/", 1)[-1] if value.startswith("arn:") else value
    number = instance.children(PHONE_NUMBER_KIND).get(ident) if instance.has_children(PHONE_NUMBER_KIND) else None
    if number is not None and value.startswith("arn:"):
        legacy = f"{number.arn.rpartition(':')[0]}:instance/{instance.id}/{PHONE_NUMBER_KIND}/{number.id}"
        if value not in (number.arn, legacy):
            number = None
    if number is None:
        raise ResourceNotFoundException(f"Phone number not found in instance {instance.id}: {value}")


def is_agent_queue(queue: Resource) -> bool:
    return bool(queue.attrs.get("QueueType") == AGENT)


def _check_queue(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    flow_id = attrs.get("OutboundFlowId")
    if flow_id is not None:
        flow = parent.children("contact-flow").get(flow_id)
        flow_type = flow.attrs.get("Type") if flow is not None else None
        if flow_type != OUTBOUND_FLOW_TYPE:
            raise InvalidParameterException(
                f"OutboundFlowId {flow_id} is a flow of type {flow_type}; "
                f"the outbound whisper flow must be of type {OUTBOUND_FLOW_TYPE}"
            )
    count = len(set(attrs.get("QuickConnectIds") or ()))
    if count > MAX_QUICK_CONNECTS:
        raise ModeledError(
            "LimitExceededException",
            f"A queue can have at most {MAX_QUICK_CONNECTS} quick connects; this request would give it {count}",
        )


def _outbound_caller_config(queue: Resource) -> dict[str, Any] | None:
    config = {k: queue.attrs[k] for k in CALLER_MEMBERS if queue.attrs.get(k) is not None}
    return config or None


def _outbound_email_config(queue: Resource) -> dict[str, Any] | None:
    email = queue.attrs.get("OutboundEmailAddressId")
    return None if email is None else {"OutboundEmailAddressId": email}


QUEUE = ResourceType(
    kind="queue",
    unique_name=True,
    refs=(
        Ref("HoursOfOperationId", "hours-of-operation"),
        Ref("OutboundFlowId", "contact-flow"),
        Ref("OutboundEmailAddressId", "email-address"),
        Ref("EmailAddressIds", "email-address", many=True),
        # a quick connect can be deleted while queues list it: it leaves them
        Ref("QuickConnectIds", "quick-connect", many=True, blocks_delete=False),
    ),
    defaults={"Status": "ENABLED", "QueueType": STANDARD},
    computed={"OutboundCallerConfig": _outbound_caller_config, "OutboundEmailConfig": _outbound_email_config},
    check=_check_queue,
)


#: the queue AWS creates with every instance, and the hours of operation it is on
DEFAULT_QUEUE = {"Name": "BasicQueue"}
DEFAULT_HOURS = "Basic Hours"


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    """``BasicQueue``, on ``Basic Hours`` (which must be seeded before)."""
    hours = next(
        (h.id for h in instance.children("hours-of-operation").values() if h.attrs.get("Name") == DEFAULT_HOURS), None
    )
    if hours is None:
        raise LookupError(f"{DEFAULT_HOURS} must be seeded before {DEFAULT_QUEUE['Name']}")
    resources.create(QUEUE, instance, {**DEFAULT_QUEUE, "HoursOfOperationId": hours}, caller)
