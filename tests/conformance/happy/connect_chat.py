"""Valid requests for Connect's chat operations (a chat needs an inbound flow, a claimed number...)."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from tests.conformance.seeds import World, happy


def _inbound(world: World, instance_id: str) -> str:
    flows = world.client("connect").list_contact_flows(InstanceId=instance_id, ContactFlowTypes=["CONTACT_FLOW"])
    return str(flows["ContactFlowSummaryList"][0]["Id"])


def _chat(world: World, instance_id: str, flow: str | None = None) -> dict[str, Any]:
    return dict(
        world.client("connect").start_chat_contact(
            InstanceId=instance_id,
            ContactFlowId=flow or _inbound(world, instance_id),
            ParticipantDetails={"DisplayName": "Happy"},
        )
    )


@happy("connect", "StartChatContact")
def _start_chat(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ContactFlowId": _inbound(world, request["InstanceId"])}


@happy("connect", "CreateParticipant")
def _create_participant(world: World, request: dict[str, Any]) -> dict[str, Any]:
    contact = _chat(world, request["InstanceId"])["ContactId"]
    return {**request, "ContactId": contact, "ParticipantDetails": {"ParticipantRole": "CUSTOM_BOT"}}


@happy("connect", "StartScreenSharing")
def _screen_sharing(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ContactId": _chat(world, request["InstanceId"])["ContactId"]}


@happy("connect", "UpdateParticipantRoleConfig")
def _role_config(world: World, request: dict[str, Any]) -> dict[str, Any]:
    timer = {"ParticipantRole": "CUSTOMER", "TimerType": "IDLE", "TimerValue": {"ParticipantTimerDurationInMinutes": 5}}
    return {
        **request,
        "ContactId": _chat(world, request["InstanceId"])["ContactId"],
        "ChannelConfiguration": {"Chat": {"ParticipantTimerConfigList": [timer]}},
    }


@happy("connect", "CreateAuthCode")
def _auth_code(world: World, request: dict[str, Any]) -> dict[str, Any]:
    scope = {"EntityType": "CUSTOMER_PROFILE", "EntityId": "happy-profile"}
    return {**request, "Scope": scope, "SessionInactivityDurationMinutes": 1440}


def _claimed_number(world: World) -> tuple[str, str, str]:
    """(instance ID, number ARN, E.164 number) of a claimed number whose flow is the inbound flow."""
    associated = world.request("AssociatePhoneNumberContactFlow")
    connect = world.client("connect")
    connect.associate_phone_number_contact_flow(**associated)
    number = connect.describe_phone_number(PhoneNumberId=associated["PhoneNumberId"])["ClaimedPhoneNumberSummary"]
    return associated["InstanceId"], number["PhoneNumberArn"], number["PhoneNumber"]


@happy("connect", "StartOutboundChatContact")
def _outbound_chat(world: World, request: dict[str, Any]) -> dict[str, Any]:
    instance_id, arn, _ = _claimed_number(world)
    return {
        **request,
        "InstanceId": instance_id,
        "ContactFlowId": _inbound(world, instance_id),
        "SourceEndpoint": {"Type": "CONNECT_PHONENUMBER_ARN", "Address": arn},
        "DestinationEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"},
        "SegmentAttributes": {"connect:Subtype": {"ValueString": "connect:SMS"}},
    }


@happy("connect", "SendChatIntegrationEvent")
def _integration_event(world: World, request: dict[str, Any]) -> dict[str, Any]:
    _, _, e164 = _claimed_number(world)
    event = {"Type": "MESSAGE", "ContentType": "text/plain", "Content": "hello"}
    return {**request, "SourceId": "+12065550111", "DestinationId": e164, "Subtype": "connect:SMS", "Event": event}


@happy("connect", "UpdateParticipantAuthentication")
def _participant_authentication(world: World, request: dict[str, Any]) -> dict[str, Any]:
    instance_id = request["InstanceId"]
    content = {
        "Version": "2019-10-30",
        "StartAction": "00000000-0000-4000-8000-000000000001",
        "Actions": [
            {
                "Identifier": "00000000-0000-4000-8000-000000000001",
                "Type": "AuthenticateParticipant",
                "Parameters": {},
                "Transitions": {},
            }
        ],
    }
    connect = world.client("connect")
    flow = connect.create_contact_flow(
        InstanceId=instance_id, Name="happy-auth", Type="CONTACT_FLOW", Content=json.dumps(content)
    )["ContactFlowId"]
    started = _chat(world, instance_id, flow)
    participant = world.client("connectparticipant")
    token = participant.create_participant_connection(
        ParticipantToken=started["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]["ConnectionToken"]
    items = participant.get_transcript(ConnectionToken=token)["Transcript"]
    session = next(json.loads(i["Content"])["SessionId"] for i in items if "authentication" in i["ContentType"])
    url = participant.get_authentication_url(
        ConnectionToken=token, SessionId=session, RedirectUri="https://example.com/back"
    )["AuthenticationUrl"]
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["state"][0]
    return {**request, "State": state, "Code": "happy-code"}
