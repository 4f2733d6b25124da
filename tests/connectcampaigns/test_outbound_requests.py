"""Outbound request batches: v1 dial requests, v2 outbound and profile outbound requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.helpers import RAW, raises

from .util import LATER, SMS, SMS_NUMBER, TELEPHONY, TEMPLATE, create_v1, create_v2

PAST = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
PROFILE = "0123456789abcdef0123456789abcdef"


def dial(token: str, number: str = "+12065550100", expires: dt.datetime = LATER, **attributes: str) -> dict[str, Any]:
    return {"clientToken": token, "phoneNumber": number, "expirationTime": expires, "attributes": attributes}


def call(token: str, number: str = "+12065550100", expires: dt.datetime = LATER, **extra: Any) -> dict[str, Any]:
    telephony = {"destinationPhoneNumber": number, "attributes": {"order": "42"}, **extra}
    return {"clientToken": token, "expirationTime": expires, "channelSubtypeParameters": {"telephony": telephony}}


def text(token: str, number: str = "+12065550100", **extra: Any) -> dict[str, Any]:
    sms = {"destinationPhoneNumber": number, "templateParameters": {"name": "Ana"}, **extra}
    return {"clientToken": token, "expirationTime": LATER, "channelSubtypeParameters": {"sms": sms}}


def mail(token: str) -> dict[str, Any]:
    email = {"destinationEmailAddress": "ana@example.com", "templateParameters": {}}
    return {"clientToken": token, "expirationTime": LATER, "channelSubtypeParameters": {"email": email}}


def profile(token: str, profile_id: str = PROFILE, **extra: Any) -> dict[str, Any]:
    return {"clientToken": token, "profileId": profile_id, **extra}


@pytest.fixture
def running_v1(v1: Any, onboarded: str) -> str:
    campaign_id = str(create_v1(v1, onboarded)["id"])
    v1.start_campaign(id=campaign_id)
    return campaign_id


@pytest.fixture
def running_v2(v2: Any, onboarded: str) -> str:
    campaign_id = str(create_v2(v2, onboarded, channelSubtypeConfig={"telephony": TELEPHONY, "sms": SMS})["id"])
    v2.start_campaign(id=campaign_id)
    return campaign_id


def ok(answer: dict[str, Any]) -> dict[str, str]:
    return {r["clientToken"]: r["id"] for r in answer["successfulRequests"]}


def failures(answer: dict[str, Any]) -> dict[str, str]:
    return {r["clientToken"]: r["failureCode"] for r in answer["failedRequests"]}


# -- v1: PutDialRequestBatch ---------------------------------------------------------
def test_dial_requests(v1: Any, running_v1: str) -> None:
    answer = v1.put_dial_request_batch(
        id=running_v1,
        dialRequests=[
            dial("good", order="42"),
            dial("dashes", "+1-206-555-0100"),
            dial("short", "12065550100"),
            dial("expired", expires=PAST),
            dial("also-good", "+442079460000"),
        ],
    )
    assert set(ok(answer)) == {"good", "also-good"}
    assert len(set(ok(answer).values())) == 2
    assert failures(answer) == {"dashes": "InvalidInput", "short": "InvalidInput", "expired": "InvalidInput"}


def test_dial_requests_are_idempotent(v1: Any, running_v1: str) -> None:
    first = ok(v1.put_dial_request_batch(id=running_v1, dialRequests=[dial("t1"), dial("t2")]))
    again = v1.put_dial_request_batch(id=running_v1, dialRequests=[dial("t1"), dial("t2", "+12065550199")])
    assert ok(again) == {"t1": first["t1"]}
    assert failures(again) == {"t2": "InvalidInput"}
    # the same token twice in one batch: the repeat gets the first id back
    twice = v1.put_dial_request_batch(id=running_v1, dialRequests=[dial("t3"), dial("t3")])
    first_id, repeat_id = (r["id"] for r in twice["successfulRequests"])
    assert first_id == repeat_id


@pytest.mark.parametrize("path", [[], ["pause"], ["stop"]])
def test_dial_requests_need_a_running_campaign(v1: Any, onboarded: str, path: list[str]) -> None:
    campaign_id = create_v1(v1, onboarded)["id"]
    if path:
        v1.start_campaign(id=campaign_id)
    for action in path:
        getattr(v1, f"{action}_campaign")(id=campaign_id)
    state = v1.get_campaign_state(id=campaign_id)["state"]
    with raises("InvalidCampaignStateException", 409, match="only while Running") as info:
        v1.put_dial_request_batch(id=campaign_id, dialRequests=[dial("t")])
    assert info.value.response["state"] == state


def test_dial_request_batch_model_constraints(moto_connect: Any, running_v1: str) -> None:
    raw = moto_connect.client("connectcampaigns", config=RAW)
    with raises("ValidationException", 400, match="length less than or equal to 25"):
        raw.put_dial_request_batch(id=running_v1, dialRequests=[dial(f"t{n}") for n in range(26)])
    with raises("ValidationException", 400, match="regular expression pattern"):
        raw.put_dial_request_batch(id=running_v1, dialRequests=[dial("t", "call me")])
    with raises("ValidationException", 400, match="Member must not be null"):
        raw.put_dial_request_batch(id=running_v1, dialRequests=[{"clientToken": "t", "phoneNumber": "+1206555010"}])


# -- v2: PutOutboundRequestBatch ---------------------------------------------------------
def test_outbound_requests(v2: Any, running_v2: str) -> None:
    answer = v2.put_outbound_request_batch(
        id=running_v2,
        outboundRequests=[
            call("call", ringTimeout=30, connectSourcePhoneNumber="+12065550111"),
            text("sms", templateArn=TEMPLATE),
            mail("email-not-configured"),
            call("bad-number", "555-0100"),
            call("bad-source", connectSourcePhoneNumber="front desk"),
            text("bad-template", templateArn="arn:aws:s3:us-east-1:123456789012:bucket/template"),
            text("knowledge-base", templateArn="arn:aws:wisdom:us-east-1:123456789012:knowledge-base/kb-1"),
            text("queue-as-source", connectSourcePhoneNumberArn="arn:aws:connect:us-east-1:123456789012:queue/q-1"),
            text("sms-source", connectSourcePhoneNumberArn=SMS_NUMBER),
            call("expired", expires=PAST),
        ],
    )
    assert set(ok(answer)) == {"call", "sms", "sms-source"}
    assert failures(answer) == {
        "email-not-configured": "InvalidInput",
        "bad-number": "InvalidInput",
        "bad-source": "InvalidInput",
        "bad-template": "InvalidInput",
        "knowledge-base": "InvalidInput",
        "queue-as-source": "InvalidInput",
        "expired": "InvalidInput",
    }


def test_outbound_requests_are_idempotent_and_shared_with_dial_requests(
    v1: Any, v2: Any, onboarded: str, running_v1: str
) -> None:
    first = ok(v2.put_outbound_request_batch(id=running_v1, outboundRequests=[call("t1")]))
    again = v2.put_outbound_request_batch(id=running_v1, outboundRequests=[call("t1"), call("t1", "+12065550199")])
    assert [r["id"] for r in again["successfulRequests"]] == [first["t1"]]
    assert failures(again) == {"t1": "InvalidInput"}
    # a v1 dial request is a different request under the same token
    assert failures(v1.put_dial_request_batch(id=running_v1, dialRequests=[dial("t1")])) == {"t1": "InvalidInput"}


def test_outbound_requests_need_a_running_campaign(v2: Any, onboarded: str) -> None:
    campaign_id = create_v2(v2, onboarded)["id"]
    with raises("InvalidCampaignStateException", 409) as info:
        v2.put_outbound_request_batch(id=campaign_id, outboundRequests=[call("t")])
    assert info.value.response["state"] == "Initialized"
    with raises("ResourceNotFoundException", 404):
        v2.put_outbound_request_batch(id="unknown", outboundRequests=[call("t")])


def test_outbound_request_batch_model_constraints(moto_connect: Any, running_v2: str) -> None:
    raw = moto_connect.client("connectcampaignsv2", config=RAW)
    both = call("t")
    both["channelSubtypeParameters"]["sms"] = text("t")["channelSubtypeParameters"]["sms"]
    with raises("ValidationException", 400):
        raw.put_outbound_request_batch(id=running_v2, outboundRequests=[both])
    with raises("ValidationException", 400, match="less than or equal to 60"):
        raw.put_outbound_request_batch(id=running_v2, outboundRequests=[call("t", ringTimeout=90)])


# -- v2: PutProfileOutboundRequestBatch -------------------------------------------------
def test_profile_outbound_requests(v2: Any, running_v2: str) -> None:
    context = {"sourceEvent": "cart-abandoned", "channelContext": {"webNotificationContext": {"sessionId": "s-1"}}}
    answer = v2.put_profile_outbound_request_batch(
        id=running_v2,
        profileOutboundRequests=[
            profile("p1"),
            profile("p2", expirationTime=LATER, eventTriggerContext=context),
            profile("p3", expirationTime=PAST),
        ],
    )
    assert set(ok(answer)) == {"p1", "p2"}
    assert failures(answer) == {"p3": "InvalidInput"}
    again = v2.put_profile_outbound_request_batch(
        id=running_v2, profileOutboundRequests=[profile("p1"), profile("p2", "f" * 32)]
    )
    assert ok(again) == {"p1": ok(answer)["p1"]}
    assert failures(again) == {"p2": "Conflict"}


def test_profile_outbound_requests_need_a_running_campaign(v2: Any, running_v2: str) -> None:
    v2.pause_campaign(id=running_v2)
    with raises("InvalidCampaignStateException", 409) as info:
        v2.put_profile_outbound_request_batch(id=running_v2, profileOutboundRequests=[profile("p")])
    assert info.value.response["state"] == "Paused"


def test_profile_request_model_constraints(moto_connect: Any, running_v2: str) -> None:
    raw = moto_connect.client("connectcampaignsv2", config=RAW)
    with raises("ValidationException", 400, match="regular expression pattern"):
        raw.put_profile_outbound_request_batch(id=running_v2, profileOutboundRequests=[profile("p", "NOT-HEX")])
    with raises("ValidationException", 400, match="length less than or equal to 20"):
        raw.put_profile_outbound_request_batch(
            id=running_v2, profileOutboundRequests=[profile(f"p{n}") for n in range(21)]
        )


# -- the dial: a running campaign's telephony requests become contacts of its instance ----------
def test_a_running_campaign_dials_contacts_of_its_instance(moto_connect: Any, v1: Any, v2: Any, onboarded: str) -> None:
    from moto_connect_ext.connect import contacts
    from moto_connect_ext.connect.models import connect_backends

    connect = moto_connect.client("connect")
    flows = connect.list_contact_flows(InstanceId=onboarded, ContactFlowTypes=["CONTACT_FLOW"])
    flow = flows["ContactFlowSummaryList"][0]["Id"]
    queue = connect.list_queues(InstanceId=onboarded, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
    telephony = {
        **TELEPHONY,
        "connectQueueId": queue,
        "defaultOutboundConfig": {**TELEPHONY["defaultOutboundConfig"], "connectContactFlowId": flow},
    }
    campaign = str(create_v2(v2, onboarded, channelSubtypeConfig={"telephony": telephony, "sms": SMS})["id"])
    v2.start_campaign(id=campaign)
    ok(v2.put_outbound_request_batch(id=campaign, outboundRequests=[call("a", "+12065550111"), text("b")]))
    # a retried request is not dialled again; v1 sees the same campaign and dials too
    ok(v2.put_outbound_request_batch(id=campaign, outboundRequests=[call("a", "+12065550111")]))
    ok(v1.put_dial_request_batch(id=campaign, dialRequests=[dial("c", "+12065550122", note="x")]))

    backend = connect_backends["123456789012"]["us-east-1"]
    dialled = list(contacts.contacts_of(backend.resources, backend.instance(onboarded)))
    assert [c.attrs["CustomerEndpoint"]["Address"] for c in dialled] == ["+12065550111", "+12065550122"]
    first = dialled[0]
    assert (first.attrs["Channel"], first.attrs["InitiationMethod"]) == ("VOICE", "API")
    assert first.attrs["Campaign"] == {"CampaignId": campaign} and first.attrs["Attributes"] == {"order": "42"}
    assert (first.attrs["ContactFlowId"], first.attrs["QueueId"]) == (flow, queue)
    assert first.attrs["SystemEndpoint"]["Address"] == "+12065550100"
    assert contacts.state(first) == contacts.QUEUED and dialled[1].attrs["Attributes"] == {"note": "x"}

    # a campaign whose flow is not in the instance takes the request, but the call fails: no contact
    broken = str(create_v2(v2, onboarded, name="broken")["id"])
    v2.start_campaign(id=broken)
    ok(v2.put_outbound_request_batch(id=broken, outboundRequests=[call("d")]))
    assert len(list(contacts.contacts_of(backend.resources, backend.instance(onboarded)))) == 2
