"""Valid requests for starting contacts: the seed instance's inbound flow, a claimed number, an
email address of its domain (with an inbound flow), an agent reply made by CreateContact."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy
from tests.helpers import new_user

#: the Connect email domain of the seed instance (its alias is "seed")
DOMAIN = "seed.email.connect.aws"
MESSAGE = {"MessageSourceType": "RAW", "RawMessage": {"Subject": "Hi", "Body": "Hello", "ContentType": "text/plain"}}


def _inbound(connect: Any, iid: str) -> str:
    flows = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"]
    return str(flows[0]["Id"])


def _number(connect: Any, iid: str) -> str:
    arn = connect.describe_instance(InstanceId=iid)["Instance"]["Arn"]
    number = connect.search_available_phone_numbers(
        TargetArn=arn, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    connect.claim_phone_number(InstanceId=iid, PhoneNumber=number)
    return str(number)


def _address(connect: Any, iid: str) -> str:
    address = f"happy-{uuid.uuid4().hex[:12]}@{DOMAIN}"
    created = connect.create_email_address(InstanceId=iid, EmailAddress=address)
    connect.associate_flow(
        InstanceId=iid,
        ResourceId=created["EmailAddressArn"],
        FlowId=_inbound(connect, iid),
        ResourceType="INBOUND_EMAIL",
    )
    return address


def _user(connect: Any, iid: str) -> str:
    return str(new_user(connect, iid, f"agent-{uuid.uuid4().hex[:8]}")["UserId"])


@happy("connect", "StartOutboundVoiceContact")
def _voice(world: World, request: dict[str, Any]) -> dict[str, Any]:
    connect, iid = world.client(), request["InstanceId"]
    return {
        "InstanceId": iid,
        "ContactFlowId": _inbound(connect, iid),
        "DestinationPhoneNumber": "+12065550100",
        "SourcePhoneNumber": _number(connect, iid),
    }


@happy("connect", "StartTaskContact")
def _task(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {
        "InstanceId": request["InstanceId"],
        "Name": "task",
        "ContactFlowId": _inbound(world.client(), request["InstanceId"]),
    }


@happy("connect", "StartWebRTCContact")
def _webrtc(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    return {
        "InstanceId": iid,
        "ContactFlowId": _inbound(world.client(), iid),
        "ParticipantDetails": {"DisplayName": "C"},
    }


@happy("connect", "StartEmailContact")
def _email(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    return {
        "InstanceId": iid,
        "FromEmailAddress": {"EmailAddress": "customer@example.com"},
        "DestinationEmailAddress": _address(world.client(), iid),
        "EmailMessage": MESSAGE,
    }


def _reply(world: World, iid: str) -> str:
    connect = world.client()
    return str(
        connect.create_contact(
            InstanceId=iid, Channel="EMAIL", InitiationMethod="OUTBOUND", UserInfo={"UserId": _user(connect, iid)}
        )["ContactId"]
    )


@happy("connect", "CreateContact")
def _create(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {"InstanceId": request["InstanceId"], "Channel": "TASK", "InitiationMethod": "API"}


@happy("connect", "StartOutboundEmailContact")
def _outbound_email(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    return {
        "InstanceId": iid,
        "ContactId": _reply(world, iid),
        "FromEmailAddress": {"EmailAddress": _address(world.client(), iid)},
        "DestinationEmailAddress": {"EmailAddress": "customer@example.com"},
        "EmailMessage": MESSAGE,
    }


@happy("connect", "UpdateOutboundEmailContactMessage")
def _draft(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    return {
        "InstanceId": iid,
        "ContactId": _reply(world, iid),
        "EmailMessage": {"MessageSourceType": "RAW", "RawMessage": {"Body": "Draft", "ContentType": "text/plain"}},
    }


@happy("connect", "SendOutboundEmail")
def _campaign_email(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    return {
        "InstanceId": iid,
        "FromEmailAddress": {"EmailAddress": _address(world.client(), iid)},
        "DestinationEmailAddress": {"EmailAddress": "customer@example.com"},
        "EmailMessage": MESSAGE,
        "TrafficType": "CAMPAIGN",
        "SourceCampaign": {"CampaignId": "campaign"},
    }
