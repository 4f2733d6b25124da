"""moto's own ConnectCampaignServiceBackend methods, called directly, work on the plugin's state.

Each of moto's public backend methods keeps moto's signature and answer, and what it
does is seen through boto3 (v1 and v2); what boto3 does is seen through it.
"""

from __future__ import annotations

import inspect
from typing import Any
from urllib.parse import quote

import pytest
from moto.connectcampaigns.models import ConnectCampaignServiceBackend

from moto_connect_ext.connectcampaigns.exceptions import (
    ConflictException,
    InvalidCampaignStateException,
    ResourceNotFoundException,
    ValidationError,
)
from moto_connect_ext.connectcampaigns.models import ConnectCampaignsBackend, connectcampaigns_backends
from tests.helpers import new_instance, raises

from .util import CALLS, DIALER, SMS, TELEPHONY, create_v1, create_v2, onboard, state_of

SLR = (
    "arn:aws:iam::123456789012:role/aws-service-role/connect-campaigns.amazonaws.com/AWSServiceRoleForConnectCampaigns"
)
MOTOS_METHODS = sorted(
    name
    for name, member in vars(ConnectCampaignServiceBackend).items()
    if callable(member) and not name.startswith("_")
)


@pytest.fixture
def backend(moto_connect: Any) -> ConnectCampaignsBackend:
    found = moto_connect.backend("connectcampaigns")
    assert found is connectcampaigns_backends["123456789012"]["us-east-1"]
    return found  # type: ignore[no-any-return]


def direct(backend: ConnectCampaignsBackend, instance_id: str, name: str = "direct", **kw: Any) -> tuple[str, str]:
    """moto's create_campaign; returns (id, arn)."""
    campaign_id, arn, _ = backend.create_campaign(
        name=name,
        connect_instance_id=instance_id,
        dialer_config=kw.pop("dialer_config", DIALER),
        outbound_call_config=kw.pop("outbound_call_config", CALLS),
        tags=kw.pop("tags", None),
    )
    return campaign_id, arn


# -- every method of moto's backend is the plugin's -------------------------------
@pytest.mark.parametrize("name", MOTOS_METHODS)
def test_every_moto_method_is_overridden_with_motos_signature(name: str) -> None:
    assert name in vars(ConnectCampaignsBackend), f"{name} would act on moto's own (unused) state"
    motos = list(inspect.signature(getattr(ConnectCampaignServiceBackend, name)).parameters)
    plugins = list(inspect.signature(getattr(ConnectCampaignsBackend, name)).parameters)
    assert plugins == motos


def test_the_methods_are_the_ones_this_test_covers() -> None:
    covered = {
        "create_campaign",
        "delete_campaign",
        "describe_campaign",
        "get_connect_instance_config",
        "start_instance_onboarding_job",
        "start_campaign",
        "stop_campaign",
        "pause_campaign",
        "resume_campaign",
        "get_campaign_state",
        "list_campaigns",
        "list_tags_for_resource",
        "tag_resource",
        "untag_resource",
        "iter_tagged_resources",  # moto 5.2.5 and later
    }
    assert set(MOTOS_METHODS) <= covered


# -- onboarding --------------------------------------------------------------------
def test_onboarding_from_the_backend_seen_through_boto3(
    backend: ConnectCampaignsBackend, v1: Any, v2: Any, instance_id: str
) -> None:
    status = backend.start_instance_onboarding_job(
        connect_instance_id=instance_id, encryption_config={"enabled": False}
    )
    # moto's answer: no failureCode unless the job failed
    assert status == {"connectInstanceId": instance_id, "status": "SUCCEEDED"}
    for client in (v1, v2):
        job = client.get_instance_onboarding_job_status(connectInstanceId=instance_id)
        assert job["connectInstanceOnboardingJobStatus"] == status
        config = client.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
        assert config == {
            "connectInstanceId": instance_id,
            "serviceLinkedRoleArn": SLR,
            "encryptionConfig": {"enabled": False},
        }
    # the same config again answers the same job; another is a conflict, as through boto3
    assert backend.start_instance_onboarding_job(instance_id, {"enabled": False}) == status
    with pytest.raises(ConflictException):
        backend.start_instance_onboarding_job(instance_id, {"enabled": True, "encryptionType": "KMS", "keyArn": "k"})


def test_onboarding_through_boto3_seen_from_the_backend(
    backend: ConnectCampaignsBackend, v2: Any, instance_id: str, key: dict[str, Any]
) -> None:
    onboard(v2, instance_id, encryptionType="KMS", keyArn=key["Arn"], enabled=True)
    assert backend.get_connect_instance_config(connect_instance_id=instance_id) == {
        "connectInstanceId": instance_id,
        "serviceLinkedRoleArn": SLR,
        "encryptionConfig": {"enabled": True, "encryptionType": "KMS", "keyArn": key["Arn"]},
    }


def test_onboarding_a_failed_job_from_the_backend(backend: ConnectCampaignsBackend, v1: Any, instance_id: str) -> None:
    missing = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    status = backend.start_instance_onboarding_job(
        instance_id, {"enabled": True, "encryptionType": "KMS", "keyArn": missing}
    )
    assert status == {"connectInstanceId": instance_id, "status": "FAILED", "failureCode": "KMS_KEY_NOT_FOUND"}
    assert (
        v1.get_instance_onboarding_job_status(connectInstanceId=instance_id)["connectInstanceOnboardingJobStatus"]
        == status
    )
    with pytest.raises(ResourceNotFoundException):
        backend.get_connect_instance_config(instance_id)


def test_onboarding_errors_from_the_backend(backend: ConnectCampaignsBackend, instance_id: str) -> None:
    with pytest.raises(ValidationError, match="enabled is required"):
        backend.start_instance_onboarding_job(instance_id, {})
    with pytest.raises(ValidationError, match="keyArn"):
        backend.start_instance_onboarding_job(instance_id, {"enabled": True, "encryptionType": "KMS"})
    with pytest.raises(ResourceNotFoundException, match="not onboarded"):
        backend.get_connect_instance_config(instance_id)
    with pytest.raises(ResourceNotFoundException, match="Amazon Connect instance"):
        backend.start_instance_onboarding_job("00000000-0000-0000-0000-000000000000", {"enabled": False})
    assert backend.instances == {}  # nothing was kept


# -- campaigns ---------------------------------------------------------------------
def test_create_and_describe_from_the_backend_seen_through_boto3(
    backend: ConnectCampaignsBackend, v1: Any, v2: Any, onboarded: str
) -> None:
    campaign_id, arn, tags = backend.create_campaign(
        name="direct",
        connect_instance_id=onboarded,
        dialer_config=DIALER,
        outbound_call_config=CALLS,
        tags={"via": "backend"},
    )
    assert tags == {"via": "backend"}
    assert arn == f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{campaign_id}"
    described = backend.describe_campaign(id=campaign_id)
    expected = {
        "id": campaign_id,
        "arn": arn,
        "name": "direct",
        "connectInstanceId": onboarded,
        "dialerConfig": DIALER,
        "outboundCallConfig": CALLS,
        "tags": {"via": "backend"},
    }
    assert described == expected
    assert v1.describe_campaign(id=campaign_id)["campaign"] == expected
    seen_by_v2 = v2.describe_campaign(id=campaign_id)["campaign"]
    assert seen_by_v2["channelSubtypeConfig"]["telephony"]["connectQueueId"] == "queue-1"
    assert seen_by_v2["tags"] == {"via": "backend"}
    # moto's create_campaign is idempotent as CreateCampaign is: the same request, the same campaign
    assert backend.create_campaign("direct", onboarded, DIALER, CALLS, {"via": "backend"}) == (campaign_id, arn, tags)


def test_create_through_boto3_seen_from_the_backend(
    backend: ConnectCampaignsBackend, v1: Any, v2: Any, onboarded: str
) -> None:
    from_v1 = create_v1(v1, onboarded, tags={"team": "a"})
    from_v2 = create_v2(v2, onboarded, channelSubtypeConfig={"telephony": TELEPHONY})
    assert backend.describe_campaign(from_v1["id"]) == v1.describe_campaign(id=from_v1["id"])["campaign"]
    assert backend.describe_campaign(from_v2["id"]) == v1.describe_campaign(id=from_v2["id"])["campaign"]
    summaries, token = backend.list_campaigns(filters=None, max_results=None, next_token=None)
    assert token is None
    assert summaries == v1.list_campaigns()["campaignSummaryList"]
    assert [s["id"] for s in summaries] == [from_v1["id"], from_v2["id"]]


def test_campaigns_v1_cannot_see_are_not_the_backends_either(
    backend: ConnectCampaignsBackend, v2: Any, onboarded: str
) -> None:
    sms_only = create_v2(v2, onboarded, "texts", channelSubtypeConfig={"sms": SMS})["id"]
    with pytest.raises(ResourceNotFoundException):
        backend.describe_campaign(sms_only)
    assert backend.list_campaigns(None, None, None) == ([], None)
    # tags reach every campaign (moto's Resource Groups Tagging API calls these)
    arn = v2.describe_campaign(id=sms_only)["campaign"]["arn"]
    backend.tag_resource(arn, {"channel": "sms"})
    assert v2.list_tags_for_resource(arn=arn)["tags"] == {"channel": "sms"}


def test_state_changes_from_the_backend_seen_through_boto3(
    backend: ConnectCampaignsBackend, v1: Any, v2: Any, onboarded: str
) -> None:
    campaign_id, _ = direct(backend, onboarded)
    assert backend.get_campaign_state(id=campaign_id) == "Initialized"
    backend.start_campaign(id=campaign_id)
    assert state_of(v1, campaign_id) == state_of(v2, campaign_id) == "Running"
    backend.pause_campaign(id=campaign_id)
    assert state_of(v2, campaign_id) == "Paused"
    backend.resume_campaign(id=campaign_id)
    assert state_of(v1, campaign_id) == "Running"
    backend.stop_campaign(id=campaign_id)
    assert state_of(v2, campaign_id) == "Stopped"
    # the state machine holds for direct calls too
    with pytest.raises(InvalidCampaignStateException):
        backend.start_campaign(campaign_id)
    assert state_of(v1, campaign_id) == "Stopped"


def test_state_changes_through_boto3_seen_from_the_backend(
    backend: ConnectCampaignsBackend, v1: Any, v2: Any, onboarded: str
) -> None:
    campaign_id = create_v2(v2, onboarded)["id"]
    assert backend.get_campaign_state(campaign_id) == "Initialized"
    v1.start_campaign(id=campaign_id)
    assert backend.get_campaign_state(campaign_id) == "Running"
    v2.pause_campaign(id=campaign_id)
    assert backend.get_campaign_state(campaign_id) == "Paused"
    v1.resume_campaign(id=campaign_id)
    v2.stop_campaign(id=campaign_id)
    assert backend.get_campaign_state(campaign_id) == "Stopped"


def test_delete_both_ways(backend: ConnectCampaignsBackend, v1: Any, v2: Any, onboarded: str) -> None:
    campaign_id, arn = direct(backend, onboarded, tags={"gone": "soon"})
    backend.delete_campaign(id=campaign_id)
    with raises("ResourceNotFoundException", 404):
        v1.describe_campaign(id=campaign_id)
    with raises("ResourceNotFoundException", 404):
        v2.list_tags_for_resource(arn=arn)
    other = create_v2(v2, onboarded)["id"]
    v1.delete_campaign(id=other)
    with pytest.raises(ResourceNotFoundException):
        backend.describe_campaign(other)
    assert backend.list_campaigns(None, None, None) == ([], None)


def test_unknown_ids_are_resource_not_found(backend: ConnectCampaignsBackend, onboarded: str) -> None:
    unknown = "00000000-0000-0000-0000-000000000000"
    actions = ("start", "stop", "pause", "resume")
    for method in ("delete_campaign", "describe_campaign", "get_campaign_state", *(f"{a}_campaign" for a in actions)):
        with pytest.raises(ResourceNotFoundException):
            getattr(backend, method)(unknown)
    arn = f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{unknown}"
    with pytest.raises(ResourceNotFoundException):
        backend.list_tags_for_resource(arn)
    with pytest.raises(ResourceNotFoundException):
        backend.tag_resource(arn, {"a": "b"})
    with pytest.raises(ResourceNotFoundException):
        backend.untag_resource(arn, ["a"])


def test_create_needs_an_onboarded_connect_instance(backend: ConnectCampaignsBackend, instance_id: str) -> None:
    with pytest.raises(ResourceNotFoundException, match="not onboarded"):
        direct(backend, instance_id)
    with pytest.raises(ResourceNotFoundException, match="Amazon Connect instance"):
        direct(backend, "00000000-0000-0000-0000-000000000000")


# -- listing -----------------------------------------------------------------------
def test_list_pages_both_ways(backend: ConnectCampaignsBackend, v1: Any, onboarded: str) -> None:
    ids = [direct(backend, onboarded, f"c{n}")[0] for n in range(3)]
    first, token = backend.list_campaigns(filters=None, max_results=2, next_token=None)
    assert [c["id"] for c in first] == ids[:2]
    assert token is not None
    # a token of moto's method is good for boto3, and the other way round
    rest = v1.list_campaigns(maxResults=2, nextToken=token)
    assert [c["id"] for c in rest["campaignSummaryList"]] == ids[2:]
    assert "nextToken" not in rest
    page = v1.list_campaigns(maxResults=1)
    second, token = backend.list_campaigns(filters=None, max_results=1, next_token=page["nextToken"])
    assert [c["id"] for c in second] == ids[1:2]
    assert token is not None


def test_list_filters_with_motos_operators(
    backend: ConnectCampaignsBackend, moto_connect: Any, connect: Any, v1: Any, onboarded: str
) -> None:
    other_instance = new_instance(connect, "other")["Id"]
    onboard(v1, other_instance)
    mine, _ = direct(backend, onboarded, "mine")
    theirs, _ = direct(backend, other_instance, "theirs")

    def listed(operator: str, value: str) -> list[str]:
        filters = {"instanceIdFilter": {"value": value, "operator": operator}}
        summaries, _ = backend.list_campaigns(filters=filters, max_results=None, next_token=None)
        return [s["id"] for s in summaries]

    assert listed("Eq", onboarded) == [mine]
    assert listed("Ne", onboarded) == [theirs]
    assert listed("Contains", other_instance[4:12]) == [theirs]
    assert listed("StartsWith", onboarded[:8]) == [mine]
    eq = v1.list_campaigns(filters={"instanceIdFilter": {"value": other_instance, "operator": "Eq"}})
    assert [s["id"] for s in eq["campaignSummaryList"]] == listed("Eq", other_instance) == [theirs]
    with pytest.raises(ValidationError, match="Unsupported operator: Like"):
        listed("Like", onboarded)


# -- tags --------------------------------------------------------------------------
def test_tags_both_ways(backend: ConnectCampaignsBackend, v1: Any, v2: Any, onboarded: str) -> None:
    campaign_id, arn = direct(backend, onboarded, tags={"via": "backend"})
    backend.tag_resource(arn=arn, tags={"more": "tags"})
    assert v1.list_tags_for_resource(arn=arn)["tags"] == {"via": "backend", "more": "tags"}
    backend.untag_resource(arn=arn, tag_keys=["via"])
    assert v2.list_tags_for_resource(arn=arn)["tags"] == {"more": "tags"}
    v2.tag_resource(arn=arn, tags={"from": "boto3"})
    v1.untag_resource(arn=arn, tagKeys=["more"])
    assert backend.list_tags_for_resource(arn=arn) == {"from": "boto3"}
    assert backend.describe_campaign(campaign_id)["tags"] == {"from": "boto3"}
    # like moto's: a URL-encoded ARN, and a single key given as a string
    encoded = quote(arn, safe="")
    backend.tag_resource(encoded, {"a": "1", "b": "2"})
    backend.untag_resource(encoded, "a")  # type: ignore[arg-type]
    assert backend.list_tags_for_resource(encoded) == {"from": "boto3", "b": "2"}


def test_tagged_resources_for_motos_tagging_api(backend: ConnectCampaignsBackend, v2: Any, onboarded: str) -> None:
    pytest.importorskip("moto.core.resource_tagging")  # moto 5.2.5 and later
    _, first_arn = direct(backend, onboarded, tags={"team": "a"})
    second = create_v2(v2, onboarded, channelSubtypeConfig={"sms": SMS})
    found = {(r.arn, tuple(sorted(r.tags.items())), r.resource_type) for r in backend.iter_tagged_resources()}
    assert found == {
        (first_arn, (("team", "a"),), "connect-campaigns:campaign"),
        (second["arn"], (), "connect-campaigns:campaign"),
    }
