"""Contacts: the contact centre in motion, declared on the resource layer.

A contact is a resource under its instance (``instance/<id>/contact/<contact id>``),
made by one of the Start* operations (or CreateContact, a transfer, a campaign's dial
request, a test case execution) through ``start``.  Its life is the sequence of
states Amazon Connect's contact events name, driven by moto's state manager (model
``connect::contact``, immediate by default):

    INITIATED -> CONNECTED_TO_SYSTEM [-> QUEUED]

A contact with a queue waits there (QUEUED) until an operation routes it to an agent
(CONNECTED_TO_AGENT: AssociateContactWithUser, a transfer to a user), and every
contact ends DISCONNECTED (StopContact, DisconnectParticipant...) with a disconnect
reason.  A task scheduled for later is SCHEDULED until its time.  Each state's first
moment is stamped and rendered as AWS's timestamps (``InitiationTimestamp``,
``ConnectedToSystemTimestamp``, ``QueueInfo.EnqueueTimestamp``,
``AgentInfo.ConnectedToAgentTimestamp``, ``DisconnectTimestamp``).

This module is the one place that makes, finds, routes and ends contacts; the
operations of each family (starting, chat, routing, recording, metrics) call it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, register_transition
from ..core.resources import Container, Ref, Resource, Resources, ResourceType
from .exceptions import InvalidRequestException, ResourceNotFoundException

CONTACT_MODEL = "connect::contact"
register_transition(CONTACT_MODEL, "immediate")

# -- states (Amazon Connect's contact events) ---------------------------------------------------
SCHEDULED = "SCHEDULED"
INITIATED = "INITIATED"
CONNECTED_TO_SYSTEM = "CONNECTED_TO_SYSTEM"
QUEUED = "QUEUED"
CONNECTED_TO_AGENT = "CONNECTED_TO_AGENT"
DISCONNECTED = "DISCONNECTED"

#: the attribute holding a contact's ``ContactLife``
LIFE = "_Life"
#: how long contact information is kept from its initiation (Administrator Guide, feature
#: specifications: "Contact record retention")
RETENTION_MONTHS = 24


def _transitions(path: list[str]) -> list[tuple[str | None, str]]:
    """moto's transitions along a path of states (one state: it stays there)."""
    return list(itertools.pairwise(path)) or [(path[0], path[0])]


class ContactLife(StatefulModel):
    """Where a contact is in its life, and when it first reached each state."""

    def __init__(self, path: list[str]) -> None:
        super().__init__(CONTACT_MODEL, _transitions(path), initial=path[0])
        self.path = list(path)
        self.reached: dict[str, dt.datetime] = {path[0]: now()}

    def state(self) -> str:
        """The state now (progressed as moto's state manager says), stamping what it reached."""
        status = str(self.status)
        if status not in self.reached:
            moment = now()
            upto = self.path[: self.path.index(status) + 1] if status in self.path else [status]
            for each in upto:
                self.reached.setdefault(each, moment)
        return status

    def move(self, status: str, then: Iterable[str] = ()) -> None:
        """An operation puts the contact in ``status`` (and lets it progress through ``then``)."""
        self.state()
        self.path = [status, *then]
        self.reroute(_transitions(self.path), status)
        self.reached[status] = now()

    def at(self, status: str) -> dt.datetime | None:
        """When the contact first reached ``status`` (None: not yet)."""
        self.state()
        return self.reached.get(status)


def life(contact: Resource) -> ContactLife:
    found: ContactLife = contact.attrs[LIFE]
    return found


def state(contact: Resource) -> str:
    return life(contact).state()


def ended(contact: Resource) -> bool:
    return state(contact) == DISCONNECTED


# -- rendering -----------------------------------------------------------------------------------
def _routed_to(contact: Resource, member: str, reached: str, stamp: str) -> dict[str, Any] | None:
    """Where the contact was routed (the ID in ``member``), with when it got there, once it has."""
    ident = contact.attrs.get(member)
    if ident is None:
        return None
    info: dict[str, Any] = {"Id": ident}
    moment = life(contact).at(reached)
    if moment is not None:
        info[stamp] = moment
    return info


def _queue_info(contact: Resource) -> dict[str, Any] | None:
    return _routed_to(contact, "QueueId", QUEUED, "EnqueueTimestamp")


def _agent_info(contact: Resource) -> dict[str, Any] | None:
    info = _routed_to(contact, "AgentId", CONNECTED_TO_AGENT, "ConnectedToAgentTimestamp")
    if info is not None:
        info.update(contact.attrs.get("_AgentDetails") or {})
    return info


def _last_update(contact: Resource) -> dt.datetime:
    moments = [*life(contact).reached.values(), contact.last_modified_time]
    return max(moments)


CONTACT = ResourceType(
    kind="contact",
    refs=(
        # contacts are records: they never keep what they were routed on from being deleted
        Ref("ContactFlowId", "contact-flow", blocks_delete=False),
        Ref("QueueId", "queue", blocks_delete=False),
        Ref("AgentId", "user", blocks_delete=False),
    ),
    computed={
        "InitiationTimestamp": lambda c: life(c).at(INITIATED) or life(c).at(SCHEDULED),
        "ConnectedToSystemTimestamp": lambda c: life(c).at(CONNECTED_TO_SYSTEM),
        "DisconnectTimestamp": lambda c: life(c).at(DISCONNECTED),
        "LastUpdateTimestamp": _last_update,
        "QueueInfo": _queue_info,
        "AgentInfo": _agent_info,
    },
    not_found_error=lambda ident, _parent: ResourceNotFoundException(f"Contact not found: {ident}"),
)


# -- making, finding, routing and ending contacts -----------------------------------------------
def start(
    resources: Resources,
    instance: Container,
    caller: Caller,
    channel: str,
    initiation_method: str,
    attrs: dict[str, Any] | None = None,
    tags: dict[str, str] | None = None,
    scheduled: bool = False,
) -> Resource:
    """A new contact of ``instance``: its references checked (flow, queue, agent), its life begun.

    ``attrs`` are the contact's own members (``ContactFlowId``, ``QueueId``, ``Name``,
    ``Attributes``, ``References``, ``PreviousContactId``...).  With a ``QueueId`` it
    progresses to QUEUED; ``scheduled`` (a task for later) starts it SCHEDULED."""
    attrs = dict(attrs or {})
    path = [INITIATED, CONNECTED_TO_SYSTEM] + ([QUEUED] if attrs.get("QueueId") else [])
    if scheduled:
        path = [SCHEDULED]
    attrs.update({"Channel": channel, "InitiationMethod": initiation_method, LIFE: ContactLife(path)})
    attrs.setdefault("Attributes", {})
    contact = resources.create(CONTACT, instance, attrs, caller, tags)
    state(contact)  # stamp now what an immediate progression reaches at once (QueueInfo.EnqueueTimestamp)
    return contact


def _months_later(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day ``months`` later (or that month's last day)."""
    years, month = divmod(moment.month - 1 + months, 12)
    year = moment.year + years
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retained(contact: Resource) -> bool:
    """Is the contact still kept?  AWS keeps contact information for 24 months from its
    initiation, then deletes it."""
    reached = life(contact).reached  # read as stamped: looking must not progress the contact
    initiated = reached.get(INITIATED) or reached.get(SCHEDULED) or contact.created_time
    return now() < _months_later(initiated, RETENTION_MONTHS)


def find(
    resources: Resources,
    instance: Container,
    contact_id: str,
    missing: Callable[[str], Exception] = ResourceNotFoundException,
) -> Resource:
    """The contact ``contact_id`` (an ID or ARN) of ``instance``, or ``missing(message)``
    (also once it is past its retention)."""
    contact = resources.find(CONTACT, instance, contact_id)
    if contact is None or not retained(contact):
        raise missing(f"Contact not found: {contact_id}")
    return contact


def active(contact: Resource, error: Callable[[str], Exception] = InvalidRequestException) -> Resource:
    """The contact, if it has not ended (operations on an ended contact get ``error``)."""
    if ended(contact):
        raise error(f"Contact {contact.id} has ended")
    return contact


def route_to_agent(resources: Resources, contact: Resource, user_id: str, caller: Caller) -> None:
    """The contact is connected to the agent ``user_id`` (a user of its instance)."""
    resources.update(contact, {"AgentId": user_id}, caller)
    life(contact).move(CONNECTED_TO_AGENT)


def enqueue(resources: Resources, contact: Resource, queue_id: str, caller: Caller) -> None:
    """The contact waits in the queue ``queue_id`` (a queue of its instance), no agent yet."""
    resources.update(contact, {"QueueId": queue_id, "AgentId": None}, caller)
    life(contact).move(QUEUED)


def dequeue(resources: Resources, contact: Resource, caller: Caller) -> None:
    """The queued contact leaves its queue, back with the system (its queue still named, no agent)."""
    resources.touch(contact, caller)
    first = life(contact).at(CONNECTED_TO_SYSTEM)
    life(contact).move(CONNECTED_TO_SYSTEM)
    if first is not None:  # it was connected to the system long before: that moment stays
        life(contact).reached[CONNECTED_TO_SYSTEM] = first


def end(resources: Resources, contact: Resource, caller: Caller, reason: str | None = None) -> None:
    """The contact is disconnected (with the reason AWS records, such as ``CUSTOMER_DISCONNECT``)."""
    changes: dict[str, Any] = {}
    if reason is not None:
        changes["DisconnectReason"] = reason
    resources.update(contact, changes, caller)
    life(contact).move(DISCONNECTED)
    contact.last_modified_time = now()


def contacts_of(resources: Resources, instance: Container) -> Iterable[Resource]:
    """Every contact of the instance, oldest first."""
    return resources.all(CONTACT, instance)
