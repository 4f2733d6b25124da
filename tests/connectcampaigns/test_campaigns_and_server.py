"""Offboarding's deletion policies over campaigns, and both versions in server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connectcampaigns.campaigns import CAMPAIGN_MODEL
from moto_connect_ext.connectcampaigns.onboarding import ONBOARDING_JOB_MODEL
from tests.helpers import new_instance, raises
from tests.servers import moto_api, server_client

from .util import TELEPHONY, create_v1, create_v2, onboard, state_of


def campaign_ids(client: Any) -> set[str]:
    return {c["id"] for c in client.list_campaigns()["campaignSummaryList"]}


@pytest.mark.parametrize("policy", [None, "RETAIN_ALL"])
def test_offboarding_retains_campaigns(v1: Any, v2: Any, onboarded: str, policy: str | None) -> None:
    kept = create_v1(v1, onboarded, "kept")["id"]
    v1.start_campaign(id=kept)
    kw = {"campaignDeletionPolicy": policy} if policy else {}
    v2.delete_connect_instance_config(connectInstanceId=onboarded, **kw)
    assert campaign_ids(v1) == campaign_ids(v2) == {kept}
    # a retained campaign keeps its state and can still be stopped
    assert state_of(v2, kept) == "Running"
    v2.stop_campaign(id=kept)
    assert state_of(v1, kept) == "Stopped"


def test_v1_offboarding_retains_campaigns(v1: Any, onboarded: str) -> None:
    kept = create_v1(v1, onboarded, "kept")["id"]
    v1.delete_connect_instance_config(connectInstanceId=onboarded)
    assert campaign_ids(v1) == {kept}
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        v1.start_campaign(id=kept)
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        create_v1(v1, onboarded, "new")


def test_offboarding_can_delete_the_instances_campaigns(connect: Any, v1: Any, v2: Any, onboarded: str) -> None:
    other = new_instance(connect, "other-instance")["Id"]
    onboard(v2, other)
    doomed = [create_v1(v1, onboarded, "c1"), create_v2(v2, onboarded, "c2")]
    survivor = create_v2(v2, other, "survivor")["id"]
    v2.delete_connect_instance_config(connectInstanceId=onboarded, campaignDeletionPolicy="DELETE_ALL")
    assert campaign_ids(v2) == {survivor}
    for campaign in doomed:
        with raises("ResourceNotFoundException", 404):
            v2.describe_campaign(id=campaign["id"])
        with raises("ResourceNotFoundException", 404):
            v2.list_tags_for_resource(arn=campaign["arn"])


def test_server_mode_serves_both_versions(server: str) -> None:
    connect = server_client(server, "connect")
    v1 = server_client(server, "connectcampaigns")
    v2 = server_client(server, "connectcampaignsv2")
    instance_id = new_instance(connect, "served-instance")["Id"]
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

    # campaigns: created with one version, driven with the other, completed by the state manager
    created = create_v1(v1, instance_id, tags={"team": "sales"})
    assert v2.describe_campaign(id=created["id"])["campaign"]["channelSubtypeConfig"]["telephony"]["outboundMode"] == {
        "progressive": {"bandwidthAllocation": 1.0}
    }
    assert v2.list_tags_for_resource(arn=created["arn"])["tags"] == {"team": "sales"}
    transition = {"model_name": CAMPAIGN_MODEL, "transition": {"progression": "manual", "times": 2}}
    moto_api(server, "/moto-api/state-manager/set-transition", transition)
    try:
        v2.start_campaign(id=created["id"])
        assert state_of(v1, created["id"]) == "Running"
        assert state_of(v2, created["id"]) == "Completed"
        assert state_of(v1, created["id"]) == "Stopped"
    finally:
        moto_api(server, "/moto-api/state-manager/unset-transition", {"model_name": CAMPAIGN_MODEL})
    second = create_v2(v2, instance_id, channelSubtypeConfig={"telephony": TELEPHONY})
    assert campaign_ids(v1) == {created["id"], second["id"]}

    moto_api(server, "/moto-api/reset")
    with raises("ResourceNotFoundException", 404):
        v2.get_connect_instance_config(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404):
        v1.describe_campaign(id=created["id"])
