"""Queues and their quick connects: the layer's standard operations and a few of their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, Resources, operations, parent_of, render, resource_of
from ..exceptions import InvalidRequestException
from ..queues import (
    QUEUE,
    caller_config_attrs,
    check_caller_number,
    is_agent_queue,
    queue_attrs,
    with_quick_connects,
    without_quick_connects,
)
from ..quick_connects import QUICK_CONNECT
from .common import ROOT, listed_in, related_page, searcher


def create_queue(r: Any) -> dict[str, Any]:
    resources: Resources = r.backend.resources
    instance = parent_of(QUEUE, r)
    check_caller_number(instance, r.params.get("OutboundCallerConfig"))
    created = resources.create(QUEUE, instance, queue_attrs(r.params), r.caller, r.params.get("Tags"))
    return render(created, "CreateQueueResponse", resources.tags)


def update_queue_name(r: Any) -> None:
    params = r.params
    changes = {k: params[k] for k in ("Name", "Description") if k in params}
    if not changes:
        raise InvalidRequestException("At least one of Name or Description must be provided")
    r.backend.resources.update(resource_of(QUEUE, r), changes, r.caller)


def update_queue_max_contacts(r: Any) -> None:
    # MaxContacts left out: the queue takes as many contacts as the instance's quotas allow
    r.backend.resources.update(resource_of(QUEUE, r), {"MaxContacts": r.params.get("MaxContacts")}, r.caller)


def update_queue_outbound_caller_config(r: Any) -> None:
    # the config is replaced whole: members left out are cleared
    queue = resource_of(QUEUE, r)
    check_caller_number(queue.parent, r.params["OutboundCallerConfig"])
    r.backend.resources.update(queue, caller_config_attrs(r.params["OutboundCallerConfig"]), r.caller)


def delete_queue(r: Any) -> None:
    """A standard queue; an agent queue goes only with its user (DeleteUser)."""
    queue = resource_of(QUEUE, r)
    if is_agent_queue(queue):
        raise InvalidRequestException(
            f"Queue {queue.id} is the agent queue of user {queue.id}: an agent queue is deleted with its user "
            "(DeleteUser), not with DeleteQueue"
        )
    r.backend.resources.delete(queue)


def _quick_connects(r: Any, queue: Resource) -> list[str]:
    """The IDs of the quick connects a request names (every one must exist)."""
    resources: Resources = r.backend.resources
    return [resources.get(QUICK_CONNECT, queue.parent, ident).id for ident in r.params["QuickConnectIds"]]


def associate_queue_quick_connects(r: Any) -> None:
    queue = resource_of(QUEUE, r)
    ids = with_quick_connects(queue, _quick_connects(r, queue))
    r.backend.resources.update(queue, {"QuickConnectIds": ids}, r.caller)


def disassociate_queue_quick_connects(r: Any) -> None:
    queue = resource_of(QUEUE, r)
    ids = without_quick_connects(queue, _quick_connects(r, queue))
    r.backend.resources.update(queue, {"QuickConnectIds": ids or None}, r.caller)


def list_queue_quick_connects(r: Any) -> dict[str, Any]:
    """The queue's quick connects in their creation order: pages stay right while they come and go."""
    queue = resource_of(QUEUE, r)
    listed = frozenset(queue.attrs.get("QuickConnectIds") or ())
    tags = r.backend.resources.tags
    return related_page(
        r,
        queue,
        QUICK_CONNECT,
        lambda q: q.id in listed,
        "QuickConnectSummaryList",
        lambda q: render(q, "QuickConnectSummary", tags),
    )


def _queue_type_condition(value: str) -> Callable[[Resource], bool]:
    return lambda q: q.attrs["QueueType"] == value


HANDLERS = {
    **operations(
        QUEUE,
        ROOT,
        describe="DescribeQueue",
        list_="ListQueues",
        search="SearchQueues",
        updates={"UpdateQueueHoursOfOperation": ("HoursOfOperationId",), "UpdateQueueStatus": ("Status",)},
        list_filter=listed_in("QueueTypes", "QueueType"),
        search_filter=searcher(conditions={"QueueTypeCondition": _queue_type_condition}),
    ),
    "create_queue": create_queue,
    "delete_queue": delete_queue,
    "update_queue_name": update_queue_name,
    "update_queue_max_contacts": update_queue_max_contacts,
    "update_queue_outbound_caller_config": update_queue_outbound_caller_config,
    "associate_queue_quick_connects": associate_queue_quick_connects,
    "disassociate_queue_quick_connects": disassociate_queue_quick_connects,
    "list_queue_quick_connects": list_queue_quick_connects,
}
