"""Security profiles, declared on the resource layer.

Every instance comes with AWS's default profiles (Admin, Agent, CallCenterManager,
QualityAnalyst; see ``defaults``), so users can name a profile that exists.  The
security profile operations themselves build on this declaration.
"""

from __future__ import annotations

from ..core.resources import ResourceType

SECURITY_PROFILE = ResourceType(
    kind="security-profile",
    noun="Security profile",
    arn_path="instance/{root}/security-profile/{id}",
    id_param="SecurityProfileId",
    name_member="SecurityProfileName",
    unique_name=True,
    aliases={"Name": "SecurityProfileName"},
)
