"""Contact flows, declared on the resource layer.

Every instance comes with AWS's default flows (see ``defaults``), so queues, quick
connects and task templates can name a flow that exists.  The flow operations
themselves build on this declaration.
"""

from __future__ import annotations

import json

from ..core.caller import Caller
from ..core.resources import Container, Resources, ResourceType

CONTACT_FLOW = ResourceType(
    kind="contact-flow",
    noun="Contact flow",
    arn_path="instance/{root}/contact-flow/{id}",
    id_param="ContactFlowId",
    id_names=("Id",),
    arn_names=("Arn",),
    unique_name=True,
    aliases={"ContactFlowType": "Type", "ContactFlowState": "State", "ContactFlowStatus": "Status"},
    defaults={"State": "ACTIVE", "Status": "PUBLISHED"},
)

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


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    for name, (flow_type, description) in DEFAULT_FLOWS.items():
        attrs = {"Name": name, "Type": flow_type, "Description": description, "Content": flow_content(flow_type)}
        resources.create(CONTACT_FLOW, instance, attrs, caller)
