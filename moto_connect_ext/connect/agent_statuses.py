"""Agent statuses, declared on the resource layer, and the rules that are their own.

Every instance comes with two statuses: ``Available`` (type ``ROUTABLE``) and
``Offline`` (type ``OFFLINE``).  A status created through the API is always of
type ``CUSTOM`` (Administrator Guide, "Add custom agent status to the CCP": "When
you add a new status, it's always Custom, not Routable").  Statuses cannot be
deleted, only renamed or disabled ("Agent status actions": "Agent status ARNs
cannot be deleted but can be renamed or disabled if needed"); the API has no
DeleteAgentStatus.  Names are unique per instance, and an instance has at most 50
statuses ("Agent status per instance": 50, not adjustable).  Disabling hides a
custom status from agents; the routable and offline statuses stay enabled.
"""

from __future__ import annotations

from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Quota, Resource, Resources, ResourceType
from .exceptions import InvalidRequestException

#: "Agent status per instance" (Connect service quotas; not adjustable)
STATUSES_PER_INSTANCE = 50
TYPES = ("ROUTABLE", "CUSTOM", "OFFLINE")


def _check(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    if attrs.get("State") == "DISABLED" and attrs["Type"] != "CUSTOM":
        raise InvalidRequestException(f"An agent status of type {attrs['Type']} cannot be disabled")


AGENT_STATUS = ResourceType(
    kind="agent-status",
    arn_path="instance/{root}/agent-state/{id}",
    unique_name=True,
    defaults={"Type": "CUSTOM"},
    check=_check,
    quota=Quota(
        lambda: STATUSES_PER_INSTANCE,
        "LimitExceededException",
        "An instance can have at most {limit} agent statuses",
        first=True,
    ),
)


#: the statuses AWS creates with every instance
DEFAULT_STATUSES: tuple[dict[str, Any], ...] = (
    {"Name": "Available", "Type": "ROUTABLE", "State": "ENABLED", "DisplayOrder": 1},
    {"Name": "Offline", "Type": "OFFLINE", "State": "ENABLED", "DisplayOrder": 2},
)


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    for attrs in DEFAULT_STATUSES:
        resources.create(AGENT_STATUS, instance, dict(attrs), caller)
