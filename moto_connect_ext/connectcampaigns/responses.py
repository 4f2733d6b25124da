"""Outbound campaigns v1 handlers (``/campaigns...``, ``/connect-instance/...``).

Every v1 operation is served here; v1 and v2 share the backend, so campaigns,
states and tags are the same whichever version reads or changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.arguments import keywords, page_args
from ..core.responses import PluginResponse
from .campaigns import V1, Campaign
from .models import ConnectCampaignsBackend, connectcampaigns_backends

#: default page size of the list operations (the model's upper bound of maxResults)
PAGE = 50


def outcomes(result: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> dict[str, Any]:
    """The answer of an operation on a batch of requests: the successful ones and the failed ones."""
    successful, failed = result
    return {"successfulRequests": successful, "failedRequests": failed}


def _act(action: str) -> Callable[[CampaignHandlers], None]:
    """The handler of Start/Pause/Resume/StopCampaign: ``action`` on the campaign the request names."""

    def handler(self: CampaignHandlers) -> None:
        self.backend.act_on_campaign(self.params["id"], action, self.VERSION)

    return handler


class OnboardingHandlers(PluginResponse):
    """Onboarding and instance config: same members and behaviour in v1 and v2.

    v2's DeleteConnectInstanceConfig adds ``campaignDeletionPolicy`` (absent in v1).
    """

    BACKENDS = connectcampaigns_backends
    ARN_SERVICE = "connect-campaigns"
    # campaign operations are matched against the campaign's ARN; instance settings against "*"
    IAM_RESOURCES = ("{arn}", "campaign/{id}")
    backend: ConnectCampaignsBackend

    def _page_args(self) -> tuple[str | None, int]:
        return page_args(self.params, PAGE, "nextToken", "maxResults")

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
    """What v1 and v2 do alike with campaigns: creation's answer, description, lists, lifecycle,
    states, tags, deletion; each version creates campaigns from its own members (``_new_campaign``)."""

    VERSION = V1

    # -- lifecycle -----------------------------------------------------------
    def _new_campaign(self) -> Campaign:
        raise NotImplementedError

    def create_campaign(self) -> dict[str, Any]:
        campaign = self._new_campaign()
        return {"id": campaign.id, "arn": campaign.arn, "tags": self.backend.campaign_tags(campaign.arn, self.VERSION)}

    def describe_campaign(self) -> dict[str, Any]:
        return {"campaign": self.backend.describe_campaign_in(self.params["id"], self.VERSION)}

    def list_campaigns(self) -> dict[str, Any]:
        page, token = self.backend.campaign_page(self.VERSION, self.params.get("filters"), *self._page_args())
        return {"campaignSummaryList": [c.summary(self.VERSION) for c in page], "nextToken": token}

    def delete_campaign(self) -> None:
        self.backend.remove_campaign(self.params["id"], self.VERSION)

    start_campaign = _act("start")
    pause_campaign = _act("pause")
    resume_campaign = _act("resume")
    stop_campaign = _act("stop")

    def update_campaign_name(self) -> None:
        self.backend.rename_campaign(self.params["id"], self.params["name"], self.VERSION)

    # -- states --------------------------------------------------------------
    def get_campaign_state(self) -> dict[str, Any]:
        return {"state": self.backend.campaign_state(self.params["id"], self.VERSION)}

    def get_campaign_state_batch(self) -> dict[str, Any]:
        return outcomes(self.backend.campaign_states(self.params["campaignIds"], self.VERSION))

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

    def _new_campaign(self) -> Campaign:
        p = self.params
        return self.backend.create_campaign_v1(
            self.caller, p["name"], p["connectInstanceId"], p["dialerConfig"], p["outboundCallConfig"], p.get("tags")
        )

    def update_campaign_dialer_config(self) -> None:
        self.backend.update_dialer_config(self.params["id"], self.params["dialerConfig"])

    def update_campaign_outbound_call_config(self) -> None:
        p = self.params
        options = keywords(p, "connectContactFlowId", "connectSourcePhoneNumber", "answerMachineDetectionConfig")
        self.backend.update_outbound_call_config(p["id"], **options)

    def put_dial_request_batch(self) -> dict[str, Any]:
        return outcomes(self.backend.put_dial_requests(self.params["id"], self.params["dialRequests"]))
