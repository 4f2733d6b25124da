"""Chat contacts on Connect's side: StartChatContact (flow, content types, persistent chat,
idempotency), outbound chats, participants, timers, authentication codes, integration events
and screen sharing."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from tests.helpers import RAW, new_instance, raises

TEXT = {"ContentType": "text/plain", "Content": "Hello"}


@pytest.fixture
def world(connect: Any) -> dict[str, str]:
    iid = new_instance(connect)["Id"]
    flows = connect.list_contact_flows(InstanceId=iid)["ContactFlowSummaryList"]
    inbound = next(f["Id"] for f in flows if f["ContactFlowType"] == "CONTACT_FLOW")
    queue_flow = next(f["Id"] for f in flows if f["ContactFlowType"] == "CUSTOMER_QUEUE")
    return {"iid": iid, "flow": inbound, "queue_flow": queue_flow}


def _start(connect: Any, w: dict[str, str], **kw: Any) -> dict[str, Any]:
    request = {"InstanceId": w["iid"], "ContactFlowId": w["flow"], "ParticipantDetails": {"DisplayName": "Ann"}}
    return dict(connect.start_chat_contact(**{**request, **kw}))


def test_start_chat_contact_rules_and_idempotency(connect: Any, world: dict[str, str]) -> None:
    w = world
    request = {
        "InitialMessage": TEXT,
        "ClientToken": "tok-1",
        "Attributes": {"k": "v"},
        "CustomerId": "c-1",
        "ChatDurationInMinutes": 60,
        "ConnectionTypes": ["WEBSOCKET", "CONNECTION_CREDENTIALS"],
        "SupportedMessagingContentTypes": ["text/markdown", "text/plain"],
    }
    started = _start(connect, w, **request)
    assert started["ParticipantToken"] and started["ParticipantId"]
    assert started["Websocket"]["Url"].startswith("wss://") and "X-Amz-Signature=" in started["Websocket"]["Url"]
    assert started["ConnectionCredentials"]["Expiry"].endswith("Z")
    contact = connect.describe_contact(InstanceId=w["iid"], ContactId=started["ContactId"])["Contact"]
    assert contact["Channel"] == "CHAT" and contact["InitiationMethod"] == "API"
    assert contact["Attributes"] == {"k": "v"} and contact["CustomerId"] == "c-1"
    # a retry repeats the first answer; the same token with another request is refused
    again = _start(connect, w, **request)
    assert {k: again[k] for k in ("ContactId", "ParticipantToken")} == {
        k: started[k] for k in ("ContactId", "ParticipantToken")
    }
    with raises("InvalidRequestException", 400, "ClientToken"):
        _start(connect, w, ClientToken="tok-1")

    # the flow: exists, of type CONTACT_FLOW, published
    with raises("ResourceNotFoundException", 404):
        _start(connect, w, ContactFlowId="no-such-flow")
    with raises("InvalidRequestException", 400, "CONTACT_FLOW"):
        _start(connect, w, ContactFlowId=w["queue_flow"])
    saved = connect.create_contact_flow(
        InstanceId=w["iid"],
        Name="draft",
        Type="CONTACT_FLOW",
        Status="SAVED",
        Content=connect.describe_contact_flow(InstanceId=w["iid"], ContactFlowId=w["flow"])["ContactFlow"]["Content"],
    )["ContactFlowId"]
    with raises("InvalidRequestException", 400, "published"):
        _start(connect, w, ContactFlowId=saved)
    # streaming to a standard SNS topic of moto's; StopContactStreaming ends it
    sns = boto3.client("sns", "us-east-1")
    topic = sns.create_topic(Name="chat-stream")["TopicArn"]
    streamed = _start(connect, w, ChatStreamingConfiguration={"StreamingEndpointArn": topic})
    connect.stop_contact_streaming(
        InstanceId=w["iid"], ContactId=streamed["ContactId"], StreamingId=streamed["StreamingId"]
    )
    for arn in (topic + "-missing", "arn:aws:sqs:us-east-1:123456789012:q"):
        with raises("ResourceNotFoundException" if "missing" in arn else "InvalidParameterException"):
            _start(connect, w, ChatStreamingConfiguration={"StreamingEndpointArn": arn})
    with raises("ResourceNotFoundException", 404):
        connect.start_chat_contact(InstanceId="nope", ContactFlowId=w["flow"], ParticipantDetails={"DisplayName": "A"})
    # content types and bounds
    with raises("InvalidParameterException", 400, "text/plain"):
        _start(connect, w, SupportedMessagingContentTypes=["text/markdown"])
    with raises("InvalidParameterException", 400, "InitialMessage.ContentType"):
        _start(connect, w, InitialMessage={"ContentType": "text/markdown", "Content": "*hi*"})
    with raises("InvalidParameterException", 400, "JSON"):
        _start(
            connect,
            w,
            InitialMessage={"ContentType": "application/json", "Content": "{not json"},
            SupportedMessagingContentTypes=["text/plain", "application/json"],
        )
    raw = boto3.client("connect", "us-east-1", config=RAW)
    for minutes in (59, 10081):
        with raises("InvalidParameterException", 400):
            _start(raw, w, ChatDurationInMinutes=minutes)
    with raises("InvalidParameterException", 400, "connect:Guide"):
        _start(connect, w, SegmentAttributes={"connect:Subtype": {"ValueString": "connect:Guide"}})


def test_persistent_chat_continues_an_ended_chat(connect: Any, world: dict[str, str]) -> None:
    w = world
    first = _start(connect, w)["ContactId"]
    persistent = {"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": first}
    with raises("InvalidRequestException", 400, "has not ended"):
        _start(connect, w, PersistentChat=persistent)
    with raises("InvalidRequestException", 400, "both"):
        _start(connect, w, PersistentChat=persistent, RelatedContactId=first)
    with raises("InvalidParameterException", 400, "RehydrationType"):
        _start(connect, w, PersistentChat={"SourceContactId": first})
    with raises("ResourceNotFoundException", 404):
        _start(connect, w, PersistentChat={"RehydrationType": "FROM_SEGMENT", "SourceContactId": "nope"})
    connect.stop_contact(InstanceId=w["iid"], ContactId=first)
    for rehydration in ("ENTIRE_PAST_SESSION", "FROM_SEGMENT"):
        second = _start(connect, w, PersistentChat={"RehydrationType": rehydration, "SourceContactId": first})
        assert second["ContinuedFromContactId"] == first
        contact = connect.describe_contact(InstanceId=w["iid"], ContactId=second["ContactId"])["Contact"]
        assert contact["RelatedContactId"] == first


def test_participants_timers_screen_sharing_and_auth_codes(connect: Any, world: dict[str, str]) -> None:
    w = world
    chat = _start(connect, w)["ContactId"]
    bot = connect.create_participant(
        InstanceId=w["iid"],
        ContactId=chat,
        ClientToken="bot-1",
        ParticipantDetails={"ParticipantRole": "CUSTOM_BOT", "DisplayName": "Bot"},
    )
    assert bot["ParticipantCredentials"]["ParticipantToken"] and bot["ParticipantId"]
    again = connect.create_participant(
        InstanceId=w["iid"],
        ContactId=chat,
        ClientToken="bot-1",
        ParticipantDetails={"ParticipantRole": "CUSTOM_BOT", "DisplayName": "Bot"},
    )
    assert again["ParticipantId"] == bot["ParticipantId"]
    with raises("ConflictException", 409):
        connect.create_participant(
            InstanceId=w["iid"],
            ContactId=chat,
            ClientToken="bot-1",
            ParticipantDetails={"ParticipantRole": "CUSTOM_BOT", "DisplayName": "Other"},
        )
    with raises("InvalidRequestException", 400, "CUSTOM_BOT"):
        connect.create_participant(
            InstanceId=w["iid"], ContactId=chat, ParticipantDetails={"ParticipantRole": "AGENT", "DisplayName": "A"}
        )
    with raises("ResourceNotFoundException", 404):
        connect.create_participant(
            InstanceId=w["iid"], ContactId="nope", ParticipantDetails={"ParticipantRole": "CUSTOM_BOT"}
        )

    def timers(*entries: dict[str, Any]) -> None:
        connect.update_participant_role_config(
            InstanceId=w["iid"],
            ContactId=chat,
            ChannelConfiguration={"Chat": {"ParticipantTimerConfigList": list(entries)}},
        )

    idle = {"ParticipantRole": "CUSTOMER", "TimerType": "IDLE", "TimerValue": {"ParticipantTimerDurationInMinutes": 5}}
    timers(
        idle,
        {
            "ParticipantRole": "AGENT",
            "TimerType": "DISCONNECT_NONCUSTOMER",
            "TimerValue": {"ParticipantTimerDurationInMinutes": 10},
        },
    )
    timers({**idle, "TimerValue": {"ParticipantTimerAction": "Unset"}})
    with raises("InvalidParameterException", 400, "Duplicate"):
        timers(idle, idle)
    # "Customer auto-disconnect timeout: Automatically disconnect the agent from the chat due to customer idleness"
    timers({**idle, "TimerType": "DISCONNECT_NONCUSTOMER"})

    connect.start_screen_sharing(InstanceId=w["iid"], ContactId=chat, ClientToken="share")
    connect.start_screen_sharing(InstanceId=w["iid"], ContactId=chat, ClientToken="share")  # a retry
    with raises("InvalidRequestException", 400, "already"):
        connect.start_screen_sharing(InstanceId=w["iid"], ContactId=chat)

    connect.stop_contact(InstanceId=w["iid"], ContactId=chat)
    with raises("InvalidRequestException", 400, "ended"):
        timers(idle)
    with raises("InvalidRequestException", 400, "ended"):
        connect.create_participant(
            InstanceId=w["iid"], ContactId=chat, ParticipantDetails={"ParticipantRole": "CUSTOM_BOT"}
        )

    profile = connect.list_security_profiles(InstanceId=w["iid"])["SecurityProfileSummaryList"][0]["Id"]
    scope = {"EntityType": "CUSTOMER_PROFILE", "EntityId": "profile-1", "SecurityProfileIds": [profile]}
    code = connect.create_auth_code(InstanceId=w["iid"], Scope=scope, SessionInactivityDurationMinutes=1440)
    assert code["AuthCode"] and len(code["SessionId"]) == 36 and code["EntityId"] == "profile-1"
    # the code's session is one DeleteSession ends
    connect.delete_session(InstanceId=w["iid"], SessionId=code["SessionId"])
    with raises("ResourceNotFoundException", 404):
        connect.delete_session(InstanceId=w["iid"], SessionId=code["SessionId"])
    with raises("InvalidParameterException", 400, "1440"):
        connect.create_auth_code(InstanceId=w["iid"], Scope=scope, SessionInactivityDurationMinutes=60)
    with raises("ResourceNotFoundException", 404):
        connect.create_auth_code(
            InstanceId=w["iid"], Scope={**scope, "SecurityProfileIds": ["nope"]}, SessionInactivityDurationMinutes=1440
        )


def test_outbound_chats_and_integration_events(connect: Any, world: dict[str, str]) -> None:
    w = world
    number = connect.claim_phone_number(
        TargetArn=connect.describe_instance(InstanceId=w["iid"])["Instance"]["Arn"],
        PhoneNumber=connect.search_available_phone_numbers(
            InstanceId=w["iid"], PhoneNumberCountryCode="US", PhoneNumberType="DID"
        )["AvailableNumbersList"][0]["PhoneNumber"],
    )
    arn = number["PhoneNumberArn"]
    e164 = connect.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])["ClaimedPhoneNumberSummary"][
        "PhoneNumber"
    ]
    sms = {"connect:Subtype": {"ValueString": "connect:SMS"}}
    request = {
        "InstanceId": w["iid"],
        "ContactFlowId": w["flow"],
        "SourceEndpoint": {"Type": "CONNECT_PHONENUMBER_ARN", "Address": arn},
        "DestinationEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"},
        "SegmentAttributes": sms,
    }
    contact_id = connect.start_outbound_chat_contact(**request, InitialSystemMessage=TEXT, ClientToken="o-1")[
        "ContactId"
    ]
    assert (
        connect.start_outbound_chat_contact(**request, InitialSystemMessage=TEXT, ClientToken="o-1")["ContactId"]
        == contact_id
    )
    with raises("ConflictException", 409):
        connect.start_outbound_chat_contact(**request, ClientToken="o-1")
    contact = connect.describe_contact(InstanceId=w["iid"], ContactId=contact_id)["Contact"]
    assert contact["CustomerEndpoint"]["Address"] == "+12065550100" and contact["SystemEndpoint"]["Address"] == e164
    with raises("InvalidRequestException", 400, "CONNECT_PHONENUMBER_ARN"):
        connect.start_outbound_chat_contact(
            **{**request, "SourceEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": e164}}
        )
    with raises("InvalidRequestException", 400, "connect:SMS"):
        connect.start_outbound_chat_contact(**{**request, "SegmentAttributes": {}})
    with raises("InvalidRequestException", 400, "E.164"):
        connect.start_outbound_chat_contact(
            **{**request, "DestinationEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "12"}}
        )

    connect.associate_phone_number_contact_flow(
        PhoneNumberId=number["PhoneNumberId"], InstanceId=w["iid"], ContactFlowId=w["flow"]
    )
    event = {"Type": "MESSAGE", "ContentType": "text/plain", "Content": "hi from SMS"}
    first = connect.send_chat_integration_event(
        SourceId="+12065550111", DestinationId=e164, Subtype="connect:SMS", Event=event
    )
    assert first["NewChatCreated"] is True
    second = connect.send_chat_integration_event(
        SourceId="+12065550111", DestinationId=e164, Subtype="connect:SMS", Event=event
    )
    assert second == {**second, "NewChatCreated": False, "InitialContactId": first["InitialContactId"]}
    connect.send_chat_integration_event(
        SourceId="+12065550111", DestinationId=e164, Subtype="connect:SMS", Event={"Type": "DISCONNECT"}
    )
    ended = connect.describe_contact(InstanceId=w["iid"], ContactId=first["InitialContactId"])["Contact"]
    assert ended["DisconnectReason"] == "CUSTOMER_DISCONNECT"
    with raises("ResourceNotFoundException", 404):
        connect.send_chat_integration_event(SourceId="+1", DestinationId="+19999999999", Event=event)
    with raises("InvalidRequestException", 400, "Content"):
        connect.send_chat_integration_event(SourceId="+1", DestinationId=e164, Event={"Type": "MESSAGE"})
    assert json.dumps(first)


def test_create_participant_joins_a_web_call_as_a_customer(connect: Any, world: dict[str, str]) -> None:
    # "Supports contacts in the CHAT channel and VOICE (WebRTC) channels ... CUSTOMER for voice contact"
    call = connect.start_web_rtc_contact(
        InstanceId=world["iid"], ContactFlowId=world["flow"], ParticipantDetails={"DisplayName": "Ann"}
    )["ContactId"]
    joined = connect.create_participant(
        InstanceId=world["iid"], ContactId=call, ParticipantDetails={"DisplayName": "Bo", "ParticipantRole": "CUSTOMER"}
    )
    assert joined["ParticipantId"] and joined["ParticipantCredentials"]["ParticipantToken"]
    with raises("InvalidRequestException", 400):
        connect.create_participant(
            InstanceId=world["iid"],
            ContactId=call,
            ParticipantDetails={"DisplayName": "Bot", "ParticipantRole": "CUSTOM_BOT"},
        )
