"""What a new instance comes with: the resources AWS creates with every instance.

AWS creates an instance with default hours of operation (``Basic Hours``), a queue
(``BasicQueue``), a routing profile (``Basic Routing Profile``), agent statuses
(``Available``, ``Offline``), security profiles (``Admin``, ``Agent``,
``CallCenterManager``, ``QualityAnalyst``) and its default flows.  They are
ordinary resources: listed, described, referenced and updated like any other.
``seed`` creates them, in an order that lets each reference the ones before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Resources
from .flows import CONTACT_FLOW
from .security_profiles import SECURITY_PROFILE

#: AWS's default flows: name -> (type, description)
DEFAULT_FLOWS: dict[str, tuple[str, str]] = {
    "Default agent hold": ("AGENT_HOLD", "Audio played for the agent when on hold"),
    "Default agent transfer": ("AGENT_TRANSFER", "Default flow to transfer to an agent"),
    "Default agent whisper": ("AGENT_WHISPER", "Default whisper played to the agent"),
    "Default customer hold": ("CUSTOMER_HOLD", "Default audio the customer hears while on hold"),
    "Default customer queue": ("CUSTOMER_QUEUE", "Default queue message and music"),
    "Default customer whisper": ("CUSTOMER_WHISPER", "Default whisper played to the customer"),
    "Default outbound": ("OUTBOUND_WHISPER", "Default flow for outbound calls"),
    "Default queue transfer": ("QUEUE_TRANSFER", "Default flow to transfer to a queue"),
    "Sample inbound flow (first contact experience)": ("CONTACT_FLOW", "Sample inbound flow"),
}

#: AWS's default security profiles: name -> description
DEFAULT_SECURITY_PROFILES: dict[str, str] = {
    "Admin": "Grants all permissions",
    "Agent": "Grants access to the Contact Control Panel",
    "CallCenterManager": "Grants access to user, metrics and routing management",
    "QualityAnalyst": "Grants access to metrics and to listen to calls",
}


def flow_content(flow_type: str) -> str:
    """A minimal flow in the Flow language: one action that ends the flow as its type does."""
    action = "DisconnectParticipant" if flow_type == "CONTACT_FLOW" else "EndFlowExecution"
    identifier = "00000000-0000-4000-8000-000000000001"
    return json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": identifier,
            "Actions": [{"Identifier": identifier, "Type": action, "Parameters": {}, "Transitions": {}}],
        }
    )


def _flows(resources: Resources, instance: Container, caller: Caller) -> None:
    for name, (flow_type, description) in DEFAULT_FLOWS.items():
        attrs = {"Name": name, "Type": flow_type, "Description": description, "Content": flow_content(flow_type)}
        resources.create(CONTACT_FLOW, instance, attrs, caller)


def _security_profiles(resources: Resources, instance: Container, caller: Caller) -> None:
    for name, description in DEFAULT_SECURITY_PROFILES.items():
        resources.create(SECURITY_PROFILE, instance, {"SecurityProfileName": name, "Description": description}, caller)


#: in order: each may reference what the ones before created
SEEDERS: list[Callable[[Resources, Container, Caller], Any]] = [_flows, _security_profiles]


def seed(resources: Resources, instance: Container, caller: Caller) -> None:
    """Create the default resources of a new instance."""
    for seeder in SEEDERS:
        seeder(resources, instance, caller)
