"""Authentication profiles: describe, list and update (every instance has its default one)."""

from __future__ import annotations

from ...core.resources import operations
from ..authentication_profiles import AUTHENTICATION_PROFILE
from .common import ROOT

#: what UpdateAuthenticationProfile sets; a member it is not given keeps its value
UPDATED = (
    "Name",
    "Description",
    "AllowedIps",
    "BlockedIps",
    "PeriodicSessionDuration",
    "SessionInactivityDuration",
    "SessionInactivityHandlingEnabled",
)

HANDLERS = operations(
    AUTHENTICATION_PROFILE,
    ROOT,
    describe="DescribeAuthenticationProfile",
    list_="ListAuthenticationProfiles",
    updates={"UpdateAuthenticationProfile": UPDATED},
)
