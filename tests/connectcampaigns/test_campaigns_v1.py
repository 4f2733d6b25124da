"""v1 campaigns (``connectcampaigns``): what moto's own tests covered, done right, and the rest."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import RAW, new_instance, raises

from .util import CALLS, DIALER, SMS, create_v1, create_v2, onboard, state_of

FULL_CALLS = {
    "connectContactFlowId": "12345678-1234-1234-1234-123456789012",
    "connectSourcePhoneNumber": "+12065550100",
    "connectQueueId": "12345678-1234-1234-1234-123456789012",
    "answerMachineDetectionConfig": {"enableAnswerMachineDetection": True, "awaitAnswerMachinePrompt": False},
}


def test_campaign_round_trip(v1: Any, onboarded: str) -> None:
    """moto's v1 tests' intent: create, describe, state, list, tags, delete."""
    created = create_v1(v1, onboarded, "TestCampaign", outboundCallConfig=FULL_CALLS, tags={"Department": "Marketing"})
    assert created["tags"] == {"Department": "Marketing"}
    assert created["arn"] == f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{created['id']}"
    described = v1.describe_campaign(id=created["id"])["campaign"]
    assert described == {
        "id": created["id"],
        "arn": created["arn"],
        "name": "TestCampaign",
        "connectInstanceId": onboarded,
        "dialerConfig": DIALER,
        "outboundCallConfig": FULL_CALLS,
        "tags": {"Department": "Marketing"},
    }
    assert state_of(v1, created["id"]) == "Initialized"
    v1.start_campaign(id=created["id"])
    assert state_of(v1, created["id"]) == "Running"
    v1.pause_campaign(id=created["id"])
    assert state_of(v1, created["id"]) == "Paused"
    v1.resume_campaign(id=created["id"])
    v1.stop_campaign(id=created["id"])
    assert state_of(v1, created["id"]) == "Stopped"
    assert v1.list_campaigns()["campaignSummaryList"] == [
        {"id": created["id"], "arn": created["arn"], "name": "TestCampaign", "connectInstanceId": onboarded}
    ]
    # tags given at creation are listed, and tag/untag change them
    v1.tag_resource(arn=created["arn"], tags={"Owner": "DevTeam", "Department": "Sales"})
    assert v1.list_tags_for_resource(arn=created["arn"])["tags"] == {"Department": "Sales", "Owner": "DevTeam"}
    v1.untag_resource(arn=created["arn"], tagKeys=["Department"])
    assert v1.describe_campaign(id=created["id"])["campaign"]["tags"] == {"Owner": "DevTeam"}
    v1.delete_campaign(id=created["id"])
    assert v1.list_campaigns()["campaignSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        v1.list_tags_for_resource(arn=created["arn"])


@pytest.mark.parametrize(
    ("operation", "kw"),
    [
        ("describe_campaign", {}),
        ("delete_campaign", {}),
        ("start_campaign", {}),
        ("stop_campaign", {}),
        ("pause_campaign", {}),
        ("resume_campaign", {}),
        ("get_campaign_state", {}),
        ("update_campaign_name", {"name": "x"}),
        ("update_campaign_dialer_config", {"dialerConfig": DIALER}),
        ("update_campaign_outbound_call_config", {"connectContactFlowId": "f"}),
        (
            "put_dial_request_batch",
            {
                "dialRequests": [
                    {
                        "clientToken": "t",
                        "phoneNumber": "+12065550100",
                        "expirationTime": "2099-01-01T00:00:00Z",
                        "attributes": {},
                    }
                ]
            },
        ),
    ],
)
def test_unknown_campaign_is_not_found(v1: Any, operation: str, kw: dict[str, Any]) -> None:
    with raises("ResourceNotFoundException", 404, match="Campaign non-existent-id not found"):
        getattr(v1, operation)(id="non-existent-id", **kw)


def test_unknown_arn_is_not_found(v1: Any) -> None:
    arn = "arn:aws:connect-campaigns:us-east-1:123456789012:campaign/nope"
    for call in (
        lambda: v1.list_tags_for_resource(arn=arn),
        lambda: v1.tag_resource(arn=arn, tags={"a": "b"}),
        lambda: v1.untag_resource(arn=arn, tagKeys=["a"]),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_campaigns_need_an_onboarded_instance(v1: Any, instance_id: str) -> None:
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        create_v1(v1, instance_id)
    with raises("ResourceNotFoundException", 404, match="Amazon Connect instance 12345678"):
        create_v1(v1, "12345678-1234-1234-1234-123456789012")
    assert v1.list_campaigns()["campaignSummaryList"] == []


def test_create_is_idempotent_and_names_are_unique_per_instance(connect: Any, v1: Any, onboarded: str) -> None:
    first = create_v1(v1, onboarded, "spring", tags={"a": "b"})
    again = create_v1(v1, onboarded, "spring", tags={"a": "b"})
    assert (again["id"], again["arn"], again["tags"]) == (first["id"], first["arn"], first["tags"])
    with raises("ConflictException", 409, match="already exists"):
        create_v1(v1, onboarded, "spring", tags={"a": "c"})
    # another instance may use the name
    other = new_instance(connect, "other")["Id"]
    onboard(v1, other)
    assert create_v1(v1, other, "spring")["id"] != first["id"]
    # and the name is free again once the campaign is deleted
    v1.delete_campaign(id=first["id"])
    assert create_v1(v1, onboarded, "spring", tags={"a": "c"})["id"] != first["id"]


def test_outbound_call_config_needs_a_queue_or_a_source_number(v1: Any, onboarded: str) -> None:
    with raises("ValidationException", 400, match="connectSourcePhoneNumber is required"):
        create_v1(v1, onboarded, outboundCallConfig={"connectContactFlowId": "flow-1"})
    with raises("ValidationException", 400, match="E.164"):
        create_v1(v1, onboarded, outboundCallConfig={"connectContactFlowId": "f", "connectSourcePhoneNumber": "555"})
    created = create_v1(
        v1, onboarded, outboundCallConfig={"connectContactFlowId": "f", "connectSourcePhoneNumber": "+12065550100"}
    )
    assert v1.describe_campaign(id=created["id"])["campaign"]["outboundCallConfig"] == {
        "connectContactFlowId": "f",
        "connectSourcePhoneNumber": "+12065550100",
    }
    assert v1.list_campaigns()["campaignSummaryList"][0]["id"] == created["id"]


def test_update_name(v1: Any, onboarded: str) -> None:
    first = create_v1(v1, onboarded, "one")["id"]
    create_v1(v1, onboarded, "two")
    v1.update_campaign_name(id=first, name="one")  # the same name again changes nothing
    v1.update_campaign_name(id=first, name="uno")
    assert v1.describe_campaign(id=first)["campaign"]["name"] == "uno"
    with raises("ConflictException", 409, match="'two' already exists"):
        v1.update_campaign_name(id=first, name="two")
    assert v1.describe_campaign(id=first)["campaign"]["name"] == "uno"


def test_update_dialer_config(v1: Any, onboarded: str) -> None:
    campaign_id = create_v1(v1, onboarded)["id"]
    predictive = {"predictiveDialerConfig": {"bandwidthAllocation": 0.4}}
    v1.update_campaign_dialer_config(id=campaign_id, dialerConfig=predictive)
    assert v1.describe_campaign(id=campaign_id)["campaign"]["dialerConfig"] == predictive
    # the documented limits: an agent-assisted dialer never becomes agentless ...
    with raises("ValidationException", 400, match="cannot change to the agentless dialer type"):
        v1.update_campaign_dialer_config(id=campaign_id, dialerConfig={"agentlessDialerConfig": {}})
    assert v1.describe_campaign(id=campaign_id)["campaign"]["dialerConfig"] == predictive
    # ... and an agentless one stays agentless
    agentless = create_v1(v1, onboarded, "robot", dialerConfig={"agentlessDialerConfig": {"dialingCapacity": 0.2}})
    v1.update_campaign_dialer_config(id=agentless["id"], dialerConfig={"agentlessDialerConfig": {}})
    assert v1.describe_campaign(id=agentless["id"])["campaign"]["dialerConfig"] == {"agentlessDialerConfig": {}}
    with raises("ValidationException", 400, match="agentless campaign cannot change"):
        v1.update_campaign_dialer_config(id=agentless["id"], dialerConfig=DIALER)


@pytest.fixture
def call_targets(connect: Any, onboarded: str) -> dict[str, str]:
    """A published inbound flow, a flow only saved, and a number the instance claimed."""
    flows = connect.list_contact_flows(InstanceId=onboarded, ContactFlowTypes=["CONTACT_FLOW"])
    flow = flows["ContactFlowSummaryList"][0]["Id"]
    content = connect.describe_contact_flow(InstanceId=onboarded, ContactFlowId=flow)["ContactFlow"]["Content"]
    draft = connect.create_contact_flow(
        InstanceId=onboarded, Name="draft", Type="CONTACT_FLOW", Content=content, Status="SAVED"
    )["ContactFlowId"]
    number = connect.search_available_phone_numbers(
        TargetArn=connect.describe_instance(InstanceId=onboarded)["Instance"]["Arn"],
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
        MaxResults=1,
    )["AvailableNumbersList"][0]["PhoneNumber"]
    connect.claim_phone_number(InstanceId=onboarded, PhoneNumber=number)
    return {"flow": flow, "draft": draft, "number": number}


def test_update_outbound_call_config(v1: Any, onboarded: str, call_targets: dict[str, str]) -> None:
    campaign_id = create_v1(v1, onboarded)["id"]
    amd = {"enableAnswerMachineDetection": True}
    v1.update_campaign_outbound_call_config(
        id=campaign_id,
        connectContactFlowId=call_targets["flow"],
        connectSourcePhoneNumber=call_targets["number"],
        answerMachineDetectionConfig=amd,
    )
    assert v1.describe_campaign(id=campaign_id)["campaign"]["outboundCallConfig"] == {
        "connectContactFlowId": call_targets["flow"],
        "connectSourcePhoneNumber": call_targets["number"],
        "connectQueueId": "queue-1",
        "answerMachineDetectionConfig": amd,
    }
    with raises("ValidationException", 400, match="E.164"):
        v1.update_campaign_outbound_call_config(id=campaign_id, connectSourcePhoneNumber="call-me")
    v1.update_campaign_outbound_call_config(id=campaign_id)  # nothing given, nothing changes
    outbound = v1.describe_campaign(id=campaign_id)["campaign"]["outboundCallConfig"]
    assert outbound["connectContactFlowId"] == call_targets["flow"]


@pytest.mark.parametrize(
    ("member", "value", "code", "message"),
    [
        ("connectContactFlowId", "no-such-flow", "ResourceNotFoundException", "Contact flow no-such-flow not found"),
        ("connectContactFlowId", "draft", "ValidationException", "is not published"),
        ("connectSourcePhoneNumber", "+12065550199", "ValidationException", "is not a phone number claimed"),
    ],
)
def test_outbound_call_config_names_a_published_flow_and_a_claimed_number(
    v1: Any, onboarded: str, call_targets: dict[str, str], member: str, value: str, code: str, message: str
) -> None:
    """The API Reference: "the published flow associated with this campaign"; "Only ported or claimed
    Amazon Connect phone numbers are allowed"."""
    campaign_id = create_v1(v1, onboarded)["id"]
    before = v1.describe_campaign(id=campaign_id)["campaign"]
    with raises(code, 404 if code == "ResourceNotFoundException" else 400, match=message):
        v1.update_campaign_outbound_call_config(id=campaign_id, **{member: call_targets.get(value, value)})
    assert v1.describe_campaign(id=campaign_id)["campaign"] == before


def test_list_pages_and_filters(connect: Any, v1: Any, onboarded: str) -> None:
    other = new_instance(connect, "other")["Id"]
    onboard(v1, other)
    mine = [create_v1(v1, onboarded, f"c{n}")["id"] for n in range(5)]
    theirs = create_v1(v1, other, "theirs")["id"]
    seen, token = [], None
    while True:
        kw: dict[str, Any] = {"nextToken": token} if token else {}
        page = v1.list_campaigns(maxResults=2, **kw)
        assert len(page["campaignSummaryList"]) <= 2
        seen += [c["id"] for c in page["campaignSummaryList"]]
        token = page.get("nextToken")
        if not token:
            break
    assert seen == [*mine, theirs]
    only = {"instanceIdFilter": {"value": other, "operator": "Eq"}}
    assert [c["id"] for c in v1.list_campaigns(filters=only)["campaignSummaryList"]] == [theirs]
    nobody = {"instanceIdFilter": {"value": "12345678-1234-1234-1234-12340000012", "operator": "Eq"}}
    assert v1.list_campaigns(filters=nobody)["campaignSummaryList"] == []
    with raises("ValidationException", 400, match="pagination token"):
        v1.list_campaigns(nextToken="forged")


def test_v1_sees_the_v2_campaigns_it_can_express(v1: Any, v2: Any, onboarded: str) -> None:
    telephony = create_v2(v2, onboarded, "voice")
    preview = {
        "connectQueueId": "queue-1",
        "outboundMode": {"preview": {"bandwidthAllocation": 1.0, "timeoutConfig": {"durationInSeconds": 30}}},
        "defaultOutboundConfig": {"connectContactFlowId": "flow-1"},
    }
    hidden = create_v2(v2, onboarded, "preview", channelSubtypeConfig={"telephony": preview})
    assert [c["id"] for c in v1.list_campaigns()["campaignSummaryList"]] == [telephony["id"]]
    assert v1.describe_campaign(id=telephony["id"])["campaign"]["dialerConfig"] == DIALER
    with raises("ResourceNotFoundException", 404):
        v1.describe_campaign(id=hidden["id"])
    with raises("ResourceNotFoundException", 404):
        v1.list_tags_for_resource(arn=hidden["arn"])
    # a bandwidth allocation above v1's maximum of 1 hides it too
    wide = {**preview, "outboundMode": {"predictive": {"bandwidthAllocation": 1.5}}}
    v2.update_campaign_channel_subtype_config(id=telephony["id"], channelSubtypeConfig={"telephony": wide})
    with raises("ResourceNotFoundException", 404):
        v1.get_campaign_state(id=telephony["id"])
    assert v1.get_campaign_state_batch(campaignIds=[telephony["id"]])["failedRequests"] == [
        {"campaignId": telephony["id"], "failureCode": "ResourceNotFound"}
    ]


def test_arns_use_the_callers_account(moto_connect: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    connect = moto_connect.client("connect", region_name="eu-west-2")
    instance_id = new_instance(connect, "elsewhere")["Id"]
    v1 = moto_connect.client("connectcampaigns", region_name="eu-west-2")
    onboard(v1, instance_id)
    created = create_v1(v1, instance_id)
    assert created["arn"] == f"arn:aws:connect-campaigns:eu-west-2:111122223333:campaign/{created['id']}"
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    with raises("ResourceNotFoundException", 404):
        v1.describe_campaign(id=created["id"])


def test_model_constraints_are_checked_server_side(moto_connect: Any, onboarded: str) -> None:
    raw = moto_connect.client("connectcampaigns", config=RAW)
    with raises("ValidationException", 400, match="length less than or equal to 127"):
        raw.create_campaign(name="n" * 128, connectInstanceId=onboarded, dialerConfig=DIALER, outboundCallConfig=CALLS)
    with raises("ValidationException", 400, match="less than or equal to 1"):
        raw.create_campaign(
            name="n",
            connectInstanceId=onboarded,
            outboundCallConfig=CALLS,
            dialerConfig={"progressiveDialerConfig": {"bandwidthAllocation": 1.0, "dialingCapacity": 2.0}},
        )
    with raises("ValidationException", 400):
        raw.create_campaign(
            name="n",
            connectInstanceId=onboarded,
            outboundCallConfig=CALLS,
            dialerConfig={**DIALER, "agentlessDialerConfig": {}},
        )
    with raises("ValidationException", 400, match="enum value set"):
        raw.list_campaigns(filters={"instanceIdFilter": {"value": onboarded, "operator": "Ne"}})
    with raises("ValidationException", 400, match="length less than or equal to 25"):
        raw.get_campaign_state_batch(campaignIds=[f"c{n}" for n in range(26)])
    assert raw.list_campaigns()["campaignSummaryList"] == []


def test_motos_backend_methods_use_the_same_state(moto_connect: Any, v1: Any, v2: Any, onboarded: str) -> None:
    backend = moto_connect.backend("connectcampaigns")
    campaign_id, arn, tags = backend.create_campaign(
        name="direct",
        connect_instance_id=onboarded,
        dialer_config=DIALER,
        outbound_call_config=CALLS,
        tags={"via": "backend"},
    )
    assert tags == {"via": "backend"}
    assert v1.describe_campaign(id=campaign_id)["campaign"]["arn"] == arn
    backend.start_campaign(campaign_id)
    assert state_of(v2, campaign_id) == "Running"
    backend.pause_campaign(campaign_id)
    backend.resume_campaign(campaign_id)
    assert backend.get_campaign_state(campaign_id) == "Running"
    backend.stop_campaign(campaign_id)
    assert backend.describe_campaign(campaign_id)["name"] == "direct"
    summaries, token = backend.list_campaigns(filters=None, max_results=None, next_token=None)
    assert ([s["id"] for s in summaries], token) == ([campaign_id], None)
    backend.tag_resource(arn, {"more": "tags"})
    backend.untag_resource(arn, ["via"])
    assert backend.list_tags_for_resource(arn) == {"more": "tags"}
    assert v2.list_tags_for_resource(arn=arn)["tags"] == {"more": "tags"}
    backend.delete_campaign(campaign_id)
    assert v1.list_campaigns()["campaignSummaryList"] == []


def test_resource_groups_tagging_api_sees_campaign_tags(moto_connect: Any, v1: Any, onboarded: str) -> None:
    pytest.importorskip("moto.core.resource_tagging")
    created = create_v1(v1, onboarded, tags={"team": "sales"})
    create_v1(v1, onboarded, "untagged")
    tagging = moto_connect.client("resourcegroupstaggingapi")
    found = tagging.get_resources(ResourceTypeFilters=["connect-campaigns"])["ResourceTagMappingList"]
    assert found == [{"ResourceARN": created["arn"], "Tags": [{"Key": "team", "Value": "sales"}]}]


def test_resource_groups_tagging_api_tags_campaigns(moto_connect: Any, v2: Any, onboarded: str) -> None:
    pytest.importorskip("moto.core.resource_tagging")
    created = create_v2(v2, onboarded, channelSubtypeConfig={"sms": SMS})
    tagging = moto_connect.client("resourcegroupstaggingapi")
    assert tagging.tag_resources(ResourceARNList=[created["arn"]], Tags={"via": "rgta"})["FailedResourcesMap"] == {}
    assert v2.list_tags_for_resource(arn=created["arn"])["tags"] == {"via": "rgta"}
    tagging.untag_resources(ResourceARNList=[created["arn"]], TagKeys=["via"])
    assert v2.list_tags_for_resource(arn=created["arn"])["tags"] == {}


def test_a_campaign_takes_at_most_50_tags(v1: Any, onboarded: str) -> None:
    """Amazon Connect services support up to 50 tags per resource (Administrator Guide, tagging)."""
    created = create_v1(v1, onboarded, "Tagged", outboundCallConfig=FULL_CALLS, tags={"t0": "v"})
    v1.tag_resource(arn=created["arn"], tags={f"t{i}": "v" for i in range(1, 50)})
    with raises("ValidationException", 400, match="50 tags"):
        v1.tag_resource(arn=created["arn"], tags={"one-more": "v"})
    v1.tag_resource(arn=created["arn"], tags={"t0": "new value"})  # an existing key is no extra tag
    tags = v1.list_tags_for_resource(arn=created["arn"])["tags"]
    assert len(tags) == 50 and tags["t0"] == "new value" and "one-more" not in tags
