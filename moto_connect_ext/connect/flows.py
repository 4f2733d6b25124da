"""Contact flows, declared on the resource layer.

Every instance comes with AWS's default flows (see ``defaults``), so queues, quick
connects and task templates can name a flow that exists.  The flow operations
themselves build on this declaration.
"""

from __future__ import annotations

from ..core.resources import ResourceType

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
