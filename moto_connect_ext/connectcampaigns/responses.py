"""Outbound campaigns v1 handlers (``/campaigns...``, ``/connect-instance/...``).

Every v1 operation is served here; v1 and v2 share the backend, so campaigns,
states and tags are the same whichever version reads or changes them.
"""

from __future__ import annotations

from typing import Any

from ..core.pagination import limit_of
from ..core.responses import PluginResponse
from .campaigns import V1
from .models import ConnectCampaignsBackend, connectcampaigns_backends


class OnboardingHandlers(PluginResponse):
    """Onboarding and instance config: same members and behaviour in v1 and v2.

    v2's DeleteConnectInstanceConfig adds ``campaignDeletionPolicy`` (absent in v1).
    """

    BACKENDS = connectcampaigns_backends
    ARN_SERVICE = "connect-campaigns"
    # campaign operations are matched against the campaign's ARN; instance settings against "*"
    IAM_RESOURCES = ("{arn}", "campaign/{id}")
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


class CampaignHandlers(OnboardingHandlers):
    """What v1 and v2 do alike with campaigns: lifecycle, states, tags, deletion."""

    VERSION = V1

    # -- lifecycle -----------------------------------------------------------
    def delete_campaign(self) -> None:
        self.backend.remove_campaign(self.params["id"], self.VERSION)

    def start_campaign(self) -> None:
        self.backend.act_on_campaign(self.params["id"], "start", self.VERSION)

    def pause_campaign(self) -> None:
        self.backend.act_on_campaign(self.params["id"], "pause", self.VERSION)

    def resume_campaign(self) -> None:
        self.backend.act_on_campaign(self.params["id"], "resume", self.VERSION)

    def stop_campaign(self) -> None:
        self.backend.act_on_campaign(self.params["id"], "stop", self.VERSION)

    def update_campaign_name(self) -> None:
        self.backend.rename_campaign(self.params["id"], self.params["name"], self.VERSION)

    # -- states --------------------------------------------------------------
    def get_campaign_state(self) -> dict[str, Any]:
        return {"state": self.backend.campaign_state(self.params["id"], self.VERSION)}

    def get_campaign_state_batch(self) -> dict[str, Any]:
        successful, failed = self.backend.campaign_states(self.params["campaignIds"], self.VERSION)
        return {"successfulRequests": successful, "failedRequests": failed}

    # -- tags ----------------------------------------------------------------
    def tag_resource(self) -> None:
        self.backend.tag_campaign(self.params["arn"], self.params["tags"], self.VERSION)

    def untag_resource(self) -> None:
        self.backend.untag_campaign(self.params["arn"], self.params["tagKeys"], self.VERSION)

    def list_tags_for_resource(self) -> dict[str, Any]:
        return {"tags": self.backend.campaign_tags(self.params["arn"], self.VERSION)}


class ConnectCampaignsResponse(CampaignHandlers):
    SERVICE = "connectcampaigns"
    VERSION = V1

    def create_campaign(self) -> dict[str, Any]:
        p = self.params
        campaign = self.backend.create_campaign_v1(
            self.caller, p["name"], p["connectInstanceId"], p["dialerConfig"], p["outboundCallConfig"], p.get("tags")
        )
        return {"id": campaign.id, "arn": campaign.arn, "tags": self.backend.campaign_tags(campaign.arn, V1)}

    def describe_campaign(self) -> dict[str, Any]:
        return {"campaign": self.backend.describe_campaign(self.params["id"])}

    def list_campaigns(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.campaign_page(
            V1, p.get("filters"), p.get("nextToken"), limit_of(p.get("maxResults"), 50)
        )
        return {"campaignSummaryList": [c.summary_v1() for c in page], "nextToken": token}

    def update_campaign_dialer_config(self) -> None:
        self.backend.update_dialer_config(self.params["id"], self.params["dialerConfig"])

    def update_campaign_outbound_call_config(self) -> None:
        p = self.params
        self.backend.update_outbound_call_config(
            p["id"],
            connect_contact_flow_id=p.get("connectContactFlowId"),
            connect_source_phone_number=p.get("connectSourcePhoneNumber"),
            answer_machine_detection_config=p.get("answerMachineDetectionConfig"),
        )

    def put_dial_request_batch(self) -> dict[str, Any]:
        successful, failed = self.backend.put_dial_requests(self.params["id"], self.params["dialRequests"])
        return {"successfulRequests": successful, "failedRequests": failed}
