"""moto's own v1 campaign operations through the plugin, deletion policies, server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connectcampaigns.onboarding import ONBOARDING_JOB_MODEL
from tests.helpers import raises
from tests.servers import moto_api, server_client

from .util import onboard

DIALER = {"progressiveDialerConfig": {"bandwidthAllocation": 1.0}}
CALLS = {"connectContactFlowId": "flow-1", "connectQueueId": "queue-1"}


def create_campaign(v1: Any, instance_id: str, name: str) -> str:
    return str(
        v1.create_campaign(name=name, connectInstanceId=instance_id, dialerConfig=DIALER, outboundCallConfig=CALLS)[
            "id"
        ]
    )


def test_moto_v1_campaign_operations_still_work(v1: Any, instance_id: str) -> None:
    campaign_id = create_campaign(v1, instance_id, "spring")
    described = v1.describe_campaign(id=campaign_id)["campaign"]
    assert described["name"] == "spring"
    assert described["connectInstanceId"] == instance_id
    assert described["dialerConfig"] == DIALER
    v1.start_campaign(id=campaign_id)
    assert v1.get_campaign_state(id=campaign_id)["state"] == "Running"
    listed = v1.list_campaigns()["campaignSummaryList"]
    assert [c["id"] for c in listed] == [campaign_id]
    arn = described["arn"]
    v1.tag_resource(arn=arn, tags={"team": "sales"})
    assert v1.list_tags_for_resource(arn=arn)["tags"] == {"team": "sales"}
    v1.untag_resource(arn=arn, tagKeys=["team"])
    assert v1.list_tags_for_resource(arn=arn)["tags"] == {}
    v1.delete_campaign(id=campaign_id)
    assert v1.list_campaigns()["campaignSummaryList"] == []


def test_v2_campaign_operations_are_not_served_yet(v2: Any) -> None:
    with raises("NotImplemented", 501, match="not served"):
        v2.describe_campaign(id="some-campaign")


def campaign_ids(v1: Any) -> set[str]:
    return {c["id"] for c in v1.list_campaigns()["campaignSummaryList"]}


@pytest.mark.parametrize("policy", [None, "RETAIN_ALL"])
def test_offboarding_retains_campaigns(v1: Any, v2: Any, instance_id: str, policy: str | None) -> None:
    onboard(v2, instance_id)
    kept = create_campaign(v1, instance_id, "kept")
    kw = {"campaignDeletionPolicy": policy} if policy else {}
    v2.delete_connect_instance_config(connectInstanceId=instance_id, **kw)
    assert campaign_ids(v1) == {kept}


def test_v1_offboarding_retains_campaigns(v1: Any, instance_id: str) -> None:
    onboard(v1, instance_id)
    kept = create_campaign(v1, instance_id, "kept")
    v1.delete_connect_instance_config(connectInstanceId=instance_id)
    assert campaign_ids(v1) == {kept}


def test_offboarding_can_delete_the_instances_campaigns(connect: Any, v1: Any, v2: Any, instance_id: str) -> None:
    other = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="other-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    onboard(v2, instance_id)
    doomed = [create_campaign(v1, instance_id, f"c{n}") for n in range(2)]
    survivor = create_campaign(v1, other, "survivor")
    v2.delete_connect_instance_config(connectInstanceId=instance_id, campaignDeletionPolicy="DELETE_ALL")
    assert campaign_ids(v1) == {survivor}
    for campaign_id in doomed:
        with raises("ResourceNotFoundException", 404):
            v1.describe_campaign(id=campaign_id)


def test_server_mode_serves_both_versions(server: str) -> None:
    connect = server_client(server, "connect")
    v1 = server_client(server, "connectcampaigns")
    v2 = server_client(server, "connectcampaignsv2")
    instance_id = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="served-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    # the state manager is driven through the server's /moto-api
    transition = {"model_name": ONBOARDING_JOB_MODEL, "transition": {"progression": "manual", "times": 1}}
    moto_api(server, "/moto-api/state-manager/set-transition", transition)
    try:
        assert onboard(v1, instance_id)["status"] == "IN_PROGRESS"
        with raises("ConflictException", 409):
            onboard(v2, instance_id)
        polled = v2.get_instance_onboarding_job_status(connectInstanceId=instance_id)
        assert polled["connectInstanceOnboardingJobStatus"]["status"] == "SUCCEEDED"
    finally:
        moto_api(server, "/moto-api/state-manager/unset-transition", {"model_name": ONBOARDING_JOB_MODEL})
    config = v2.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
    assert config["connectInstanceId"] == instance_id
    assert config["encryptionConfig"] == {"enabled": False}
    with raises("ResourceNotFoundException", 404):
        v1.get_connect_instance_config(connectInstanceId="not-an-instance")
    moto_api(server, "/moto-api/reset")
    with raises("ResourceNotFoundException", 404):
        v2.get_connect_instance_config(connectInstanceId=instance_id)
