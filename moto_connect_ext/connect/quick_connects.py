"""Quick connects, declared on the resource layer.

A quick connect is a transfer destination: a user (through a flow of type
``AGENT_TRANSFER``), a queue (through a flow of type ``QUEUE_TRANSFER``), a phone
number, or a flow.  ``QuickConnectConfig`` carries exactly the member of its
``QuickConnectType`` (``UserConfig``, ``QueueConfig``, ``PhoneConfig``,
``FlowConfig``); anything else is ``InvalidParameterException``.  The config is
kept flat (``UserId``, ``QueueId``, ``ContactFlowId``, ``PhoneNumber``) so the
layer can check what it names, and put back together when rendered.

A queue or flow a quick connect names cannot be deleted while it does.  A user
(connect/users.py) is different: AWS tells callers of ``DeleteUser`` to delete the
user's quick connects afterwards, so the user is looked up only when the config
sets it (a user of the instance, by ID or ARN, kept as its ID;
``ResourceNotFoundException`` otherwise), and a quick connect may outlive its user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.resources import Container, Ref, Resource, Resources, ResourceType, child
from .exceptions import InvalidParameterException, ResourceNotFoundException

#: QuickConnectType -> (its config member, the members of that config)
CONFIGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "USER": ("UserConfig", ("UserId", "ContactFlowId")),
    "QUEUE": ("QueueConfig", ("QueueId", "ContactFlowId")),
    "PHONE_NUMBER": ("PhoneConfig", ("PhoneNumber",)),
    "FLOW": ("FlowConfig", ("ContactFlowId",)),
}
#: the flow type a quick connect of each type must name (the API's shapes say "must be of type")
FLOW_TYPES = {"USER": "AGENT_TRANSFER", "QUEUE": "QUEUE_TRANSFER"}
#: every flattened config attribute
CONFIG_ATTRIBUTES = ("UserId", "QueueId", "ContactFlowId", "PhoneNumber")


def config_attrs(config: Mapping[str, Any]) -> dict[str, Any]:
    """A ``QuickConnectConfig`` as attributes (None for the members its type does not have).

    The config must carry the member of its type and no other."""
    kind = config["QuickConnectType"]
    member, fields = CONFIGS[kind]
    body = config.get(member)
    if body is None:
        raise InvalidParameterException(f"QuickConnectConfig of type {kind} requires {member}")
    others = sorted(m for m, _ in CONFIGS.values() if m != member and config.get(m) is not None)
    if others:
        raise InvalidParameterException(
            f"QuickConnectConfig of type {kind} takes {member} only, not {', '.join(others)}"
        )
    attrs: dict[str, Any] = dict.fromkeys(CONFIG_ATTRIBUTES)
    attrs["QuickConnectType"] = kind
    for field in fields:
        attrs[field] = body[field]
    return attrs


def user_of(root: Container, ident: str) -> Resource:
    """The user of the instance a ``UserConfig`` names (by ID or ARN)."""
    user = child(root, "user", ident)
    if user is None:
        raise ResourceNotFoundException(f"User not found: {ident}")
    return user


def _check_quick_connect(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    kind = attrs["QuickConnectType"]
    user_id = attrs.get("UserId")
    changed = current is None or current.attrs.get("UserId") != user_id
    if user_id is not None and changed:
        attrs["UserId"] = user_of(parent, user_id).id
    wanted = FLOW_TYPES.get(kind)
    if wanted is not None:
        flow = child(parent, "contact-flow", attrs["ContactFlowId"])
        flow_type = flow.attrs.get("Type") if flow is not None else None
        if flow_type != wanted:
            raise InvalidParameterException(
                f"A quick connect of type {kind} needs a flow of type {wanted}; "
                f"flow {attrs['ContactFlowId']} is of type {flow_type}"
            )


def _quick_connect_config(quick_connect: Resource) -> dict[str, Any]:
    kind = quick_connect.attrs["QuickConnectType"]
    member, fields = CONFIGS[kind]
    return {"QuickConnectType": kind, member: {f: quick_connect.attrs[f] for f in fields}}


QUICK_CONNECT = ResourceType(
    kind="quick-connect",
    arn_path="instance/{root}/transfer-destination/{id}",
    unique_name=True,
    refs=(Ref("QueueId", "queue"), Ref("ContactFlowId", "contact-flow")),
    computed={"QuickConnectConfig": _quick_connect_config},
    check=_check_quick_connect,
)
