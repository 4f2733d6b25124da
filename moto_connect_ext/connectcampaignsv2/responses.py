"""Outbound campaigns v2 handlers (``/v2/...``).

v2 shares v1's host and backend: onboarding, instance config and campaigns are
the same state whichever version reads or changes them.
"""

from __future__ import annotations

from typing import Any

from ..connectcampaigns.campaigns import V2
from ..connectcampaigns.responses import CampaignHandlers
from ..connectcampaigns.rules import CHANNEL_MEMBER
from ..core.pagination import limit_of


class ConnectCampaignsV2Response(CampaignHandlers):
    SERVICE = "connectcampaignsv2"
    VERSION = V2

    # -- campaigns -----------------------------------------------------------
    def create_campaign(self) -> dict[str, Any]:
        p = self.params
        campaign = self.backend.create_campaign_v2(
            self.caller,
            p["name"],
            p["connectInstanceId"],
            channel_subtype_config=p.get("channelSubtypeConfig"),
            type=p.get("type"),
            source=p.get("source"),
            connect_campaign_flow_arn=p.get("connectCampaignFlowArn"),
            schedule=p.get("schedule"),
            entry_limits_config=p.get("entryLimitsConfig"),
            communication_time_config=p.get("communicationTimeConfig"),
            communication_limits_override=p.get("communicationLimitsOverride"),
            tags=p.get("tags"),
        )
        return {"id": campaign.id, "arn": campaign.arn, "tags": self.backend.campaign_tags(campaign.arn, V2)}

    def describe_campaign(self) -> dict[str, Any]:
        return {"campaign": self.backend.describe_campaign_v2(self.params["id"])}

    def list_campaigns(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.campaign_page(
            V2, p.get("filters"), p.get("nextToken"), limit_of(p.get("maxResults"), 50)
        )
        return {"campaignSummaryList": [c.summary_v2() for c in page], "nextToken": token}

    # -- campaign settings ---------------------------------------------------
    def update_campaign_channel_subtype_config(self) -> None:
        self.backend.update_channels(self.params["id"], self.params["channelSubtypeConfig"])

    def delete_campaign_channel_subtype_config(self) -> None:
        self.backend.delete_channel(self.params["id"], self.params["channelSubtype"])

    def update_campaign_schedule(self) -> None:
        self.backend.change_setting(self.params["id"], "schedule", self.params["schedule"])

    def update_campaign_source(self) -> None:
        self.backend.change_setting(self.params["id"], "source", self.params["source"])

    def update_campaign_flow_association(self) -> None:
        self.backend.change_setting(self.params["id"], "flow_arn", self.params["connectCampaignFlowArn"])

    def update_campaign_communication_limits(self) -> None:
        p = self.params
        self.backend.change_setting(p["id"], "communication_limits", p["communicationLimitsOverride"])

    def delete_campaign_communication_limits(self) -> None:
        # ``config`` is ALL_CHANNEL_SUBTYPES, the only kind of limits there is: the override goes
        self.backend.change_setting(self.params["id"], "communication_limits", None)

    def update_campaign_communication_time(self) -> None:
        p = self.params
        self.backend.change_setting(p["id"], "communication_time", p["communicationTimeConfig"])

    def delete_campaign_communication_time(self) -> None:
        member = CHANNEL_MEMBER[self.params["config"]]
        self.backend.delete_setting_part(self.params["id"], "communication_time", member)

    def update_campaign_entry_limits(self) -> None:
        self.backend.change_setting(self.params["id"], "entry_limits", self.params["entryLimitsConfig"])

    def delete_campaign_entry_limits(self) -> None:
        self.backend.change_setting(self.params["id"], "entry_limits", None)

    # -- outbound requests ---------------------------------------------------
    def put_outbound_request_batch(self) -> dict[str, Any]:
        successful, failed = self.backend.put_outbound_requests(self.params["id"], self.params["outboundRequests"])
        return {"successfulRequests": successful, "failedRequests": failed}

    def put_profile_outbound_request_batch(self) -> dict[str, Any]:
        p = self.params
        successful, failed = self.backend.put_profile_requests(p["id"], p["profileOutboundRequests"])
        return {"successfulRequests": successful, "failedRequests": failed}

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
