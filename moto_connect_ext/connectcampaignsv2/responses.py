"""Outbound campaigns v2 handlers (``/v2/connect-instance/...``).

v2 shares v1's host and backend: onboarding and instance config are the same
state whichever version reads or changes them.
"""

from __future__ import annotations

from typing import Any

from ..connectcampaigns.responses import OnboardingHandlers
from ..core.pagination import limit_of


class ConnectCampaignsV2Response(OnboardingHandlers):
    SERVICE = "connectcampaignsv2"

    # -- integrations --------------------------------------------------------
    def put_connect_instance_integration(self) -> None:
        p = self.params
        self.backend.put_integration(p["connectInstanceId"], p["integrationConfig"])

    def list_connect_instance_integrations(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.list_integrations(
            p["connectInstanceId"], p.get("nextToken"), limit_of(p.get("maxResults"), 50)
        )
        return {"integrationSummaryList": [i.summary() for i in page], "nextToken": token}

    def delete_connect_instance_integration(self) -> None:
        p = self.params
        self.backend.delete_integration(p["connectInstanceId"], p["integrationIdentifier"])

    # -- communication limits ------------------------------------------------
    def put_instance_communication_limits(self) -> None:
        p = self.params
        self.backend.put_communication_limits(p["connectInstanceId"], p["communicationLimitsConfig"])

    def get_instance_communication_limits(self) -> dict[str, Any]:
        return {"communicationLimitsConfig": self.backend.communication_limits(self.params["connectInstanceId"])}
