"""Outbound campaigns v2 handlers (``/v2/...``).

v2 shares v1's host and backend: onboarding, instance config and campaigns are
the same state whichever version reads or changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..connectcampaigns.campaigns import SETTINGS, V2, Campaign
from ..connectcampaigns.responses import CampaignHandlers, outcomes
from ..connectcampaigns.rules import CHANNEL_MEMBER
from ..core.arguments import keywords


def _setting(setting: str, delete: bool = False) -> Callable[[ConnectCampaignsV2Response], None]:
    """The handler of UpdateCampaign<Setting> (the setting's member of the request; see ``SETTINGS``)
    or, with ``delete``, of DeleteCampaign<Setting>."""

    def handler(self: ConnectCampaignsV2Response) -> None:
        value = None if delete else self.params[SETTINGS[setting]]
        self.backend.change_setting(self.params["id"], setting, value)

    return handler


class ConnectCampaignsV2Response(CampaignHandlers):
    SERVICE = "connectcampaignsv2"
    VERSION = V2

    # -- campaigns -----------------------------------------------------------
    def _new_campaign(self) -> Campaign:
        p = self.params
        options = keywords(p, "channelSubtypeConfig", "type", *SETTINGS.values(), "tags")
        return self.backend.create_campaign_v2(self.caller, p["name"], p["connectInstanceId"], **options)

    # -- campaign settings ---------------------------------------------------
    def update_campaign_channel_subtype_config(self) -> None:
        self.backend.update_channels(self.params["id"], self.params["channelSubtypeConfig"])

    def delete_campaign_channel_subtype_config(self) -> None:
        self.backend.delete_channel(self.params["id"], self.params["channelSubtype"])

    update_campaign_schedule = _setting("schedule")
    update_campaign_source = _setting("source")
    update_campaign_flow_association = _setting("flow_arn")
    update_campaign_communication_limits = _setting("communication_limits")
    # ``config`` is ALL_CHANNEL_SUBTYPES, the only kind of limits there is: the override goes
    delete_campaign_communication_limits = _setting("communication_limits", delete=True)
    update_campaign_communication_time = _setting("communication_time")

    def delete_campaign_communication_time(self) -> None:
        member = CHANNEL_MEMBER[self.params["config"]]
        self.backend.delete_setting_part(self.params["id"], "communication_time", member)

    update_campaign_entry_limits = _setting("entry_limits")
    delete_campaign_entry_limits = _setting("entry_limits", delete=True)

    # -- outbound requests ---------------------------------------------------
    def put_outbound_request_batch(self) -> dict[str, Any]:
        return outcomes(self.backend.put_outbound_requests(self.params["id"], self.params["outboundRequests"]))

    def put_profile_outbound_request_batch(self) -> dict[str, Any]:
        return outcomes(self.backend.put_profile_requests(self.params["id"], self.params["profileOutboundRequests"]))

    # -- integrations --------------------------------------------------------
    def put_connect_instance_integration(self) -> None:
        p = self.params
        self.backend.put_integration(p["connectInstanceId"], p["integrationConfig"])

    def list_connect_instance_integrations(self) -> dict[str, Any]:
        page, token = self.backend.list_integrations(self.params["connectInstanceId"], *self._page_args())
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
