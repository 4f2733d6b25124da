"""Outbound campaigns v1 handlers (``/connect-instance/...``).

Operations the plugin does not serve yet (the v1 campaign operations) fall back
to moto's own handlers, which work on the same backend.
"""

from __future__ import annotations

from typing import Any

from moto.connectcampaigns.responses import ConnectCampaignServiceResponse as MotoCampaignsResponse

from ..core.responses import PluginResponse
from .models import ConnectCampaignsBackend, connectcampaigns_backends


class OnboardingHandlers(PluginResponse):
    """Onboarding and instance config: same members and behaviour in v1 and v2.

    v2's DeleteConnectInstanceConfig adds ``campaignDeletionPolicy`` (absent in v1).
    """

    BACKENDS = connectcampaigns_backends
    backend: ConnectCampaignsBackend

    # -- onboarding jobs -----------------------------------------------------
    def start_instance_onboarding_job(self) -> dict[str, Any]:
        p = self.params
        job = self.backend.start_onboarding_job(self.caller, p["connectInstanceId"], p["encryptionConfig"])
        return {"connectInstanceOnboardingJobStatus": job.summary()}

    def get_instance_onboarding_job_status(self) -> dict[str, Any]:
        job = self.backend.onboarding_job(self.params["connectInstanceId"], poll=True)
        return {"connectInstanceOnboardingJobStatus": job.summary()}

    def delete_instance_onboarding_job(self) -> None:
        self.backend.delete_onboarding_job(self.params["connectInstanceId"])

    # -- instance config -----------------------------------------------------
    def get_connect_instance_config(self) -> dict[str, Any]:
        return {"connectInstanceConfig": self.backend.instance_config(self.params["connectInstanceId"]).describe()}

    def delete_connect_instance_config(self) -> None:
        p = self.params
        self.backend.delete_instance_config(p["connectInstanceId"], p.get("campaignDeletionPolicy"))


class ConnectCampaignsResponse(OnboardingHandlers):
    SERVICE = "connectcampaigns"
    FALLBACK_CLASS = MotoCampaignsResponse
