"""Security profiles, declared on the resource layer.

Every instance comes with AWS's default profiles (Admin, Agent, CallCenterManager,
QualityAnalyst; see ``defaults``), so users can name a profile that exists.  The
security profile operations themselves build on this declaration.
"""

from __future__ import annotations

from ..core.caller import Caller
from ..core.resources import Container, Resources, ResourceType

SECURITY_PROFILE = ResourceType(
    kind="security-profile",
    noun="Security profile",
    arn_path="instance/{root}/security-profile/{id}",
    id_param="SecurityProfileId",
    name_member="SecurityProfileName",
    unique_name=True,
    aliases={"Name": "SecurityProfileName"},
)

#: AWS's default security profiles: name -> description
DEFAULT_SECURITY_PROFILES: dict[str, str] = {
    "Admin": "Grants all permissions",
    "Agent": "Grants access to the Contact Control Panel",
    "CallCenterManager": "Grants access to user, metrics and routing management",
    "QualityAnalyst": "Grants access to metrics and to listen to calls",
}


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    for name, description in DEFAULT_SECURITY_PROFILES.items():
        resources.create(SECURITY_PROFILE, instance, {"SecurityProfileName": name, "Description": description}, caller)
