"""Helpers shared by the outbound campaigns tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

DIALER = {"progressiveDialerConfig": {"bandwidthAllocation": 1.0, "dialingCapacity": 0.5}}
CALLS = {"connectContactFlowId": "flow-1", "connectQueueId": "queue-1"}
TEMPLATE = "arn:aws:wisdom:us-east-1:123456789012:message-template/kb-1/template-1"
SMS_NUMBER = "arn:aws:connect:us-east-1:123456789012:phone-number/number-1"
SEGMENT = "arn:aws:profile:us-east-1:123456789012:domains/customers/segment-definitions/vip"
DOMAIN = "arn:aws:profile:us-east-1:123456789012:domains/customers"
TELEPHONY: dict[str, Any] = {
    "capacity": 0.5,
    "connectQueueId": "queue-1",
    "outboundMode": {"progressive": {"bandwidthAllocation": 1.0}},
    "defaultOutboundConfig": {"connectContactFlowId": "flow-1", "connectSourcePhoneNumber": "+12065550100"},
}
SMS: dict[str, Any] = {
    "outboundMode": {"agentless": {}},
    "defaultOutboundConfig": {"connectSourcePhoneNumberArn": SMS_NUMBER, "wisdomTemplateArn": TEMPLATE},
}
LATER = dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)


def onboard(client: Any, instance_id: str, **encryption: Any) -> dict[str, Any]:
    config = {"enabled": False, **encryption}
    return dict(
        client.start_instance_onboarding_job(connectInstanceId=instance_id, encryptionConfig=config)[
            "connectInstanceOnboardingJobStatus"
        ]
    )


def create_v1(v1: Any, instance_id: str, name: str = "spring", **kw: Any) -> dict[str, Any]:
    """A v1 campaign (progressive dialer, queue and flow); returns CreateCampaign's answer."""
    request = {"dialerConfig": DIALER, "outboundCallConfig": CALLS, **kw}
    return dict(v1.create_campaign(name=name, connectInstanceId=instance_id, **request))


def create_v2(v2: Any, instance_id: str, name: str = "summer", **kw: Any) -> dict[str, Any]:
    """A v2 campaign (telephony unless ``channelSubtypeConfig`` is given); CreateCampaign's answer."""
    request = {"channelSubtypeConfig": {"telephony": TELEPHONY}, **kw}
    return dict(v2.create_campaign(name=name, connectInstanceId=instance_id, **request))


def state_of(client: Any, campaign_id: str) -> str:
    return str(client.get_campaign_state(id=campaign_id)["state"])
