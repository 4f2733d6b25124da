"""What a new instance comes with: the resources AWS creates with every instance.

AWS creates an instance with default hours of operation (``Basic Hours``), a queue
(``BasicQueue``), a routing profile (``Basic Routing Profile``), agent statuses
(``Available``, ``Offline``), security profiles (``Admin``, ``Agent``,
``CallCenterManager``, ``QualityAnalyst``), its default flows, Connect's library of
audio prompts, the system predefined attributes and the default authentication profile.  They are
ordinary resources: listed, described, referenced and updated like any other.
Each family's module holds its defaults (``seed_defaults``); ``seed`` runs them in an
order that lets each reference the ones before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Resources
from . import (
    agent_statuses,
    authentication_profiles,
    flows,
    hours,
    predefined_attributes,
    prompts,
    queues,
    routing_profiles,
    security_profiles,
)

#: in order: each may reference what the ones before created
SEEDERS: list[Callable[[Resources, Container, Caller], Any]] = [
    hours.seed_defaults,
    flows.seed_defaults,
    queues.seed_defaults,
    routing_profiles.seed_defaults,
    agent_statuses.seed_defaults,
    security_profiles.seed_defaults,
    authentication_profiles.seed_defaults,
    prompts.seed_defaults,
    predefined_attributes.seed_defaults,
]


def seed(resources: Resources, instance: Container, caller: Caller) -> None:
    """Create the default resources of a new instance."""
    for seeder in SEEDERS:
        seeder(resources, instance, caller)
