"""The Participant Service (``connectparticipant``) end to end: a chat's participant token opens
a connection whose token authorises messages, events, transcripts, attachments, views,
authentication and the disconnect; and the same chat through moto's server."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import boto3
import pytest

from moto_connect_ext.connect import chat as chat_rules
from tests.helpers import new_instance, raises
from tests.servers import server_client

TYPING = "application/vnd.amazonaws.connect.event.typing"


def _flow(connect: Any, iid: str, *actions: dict[str, Any]) -> str:
    """A published inbound flow whose opening blocks are ``actions`` (then a disconnect)."""
    chain = [*actions, {"Type": "DisconnectParticipant", "Parameters": {}}]
    body = []
    for n, action in enumerate(chain):
        ident = f"00000000-0000-4000-8000-00000000000{n + 1}"
        transitions: dict[str, Any] = {}
        if n + 1 < len(chain):
            transitions["NextAction"] = f"00000000-0000-4000-8000-00000000000{n + 2}"
        if action["Type"] in ("AuthenticateParticipant", "ShowView") and transitions:
            transitions["Errors"] = [{"NextAction": transitions["NextAction"], "ErrorType": "NoMatchingError"}]
        body.append({"Identifier": ident, "Transitions": transitions, **action})
    content = {"Version": "2019-10-30", "StartAction": body[0]["Identifier"], "Actions": body}
    return str(
        connect.create_contact_flow(
            InstanceId=iid,
            Name=f"chat-{actions[0]['Type'] if actions else 0}",
            Type="CONTACT_FLOW",
            Content=json.dumps(content),
        )["ContactFlowId"]
    )


def _chat(connect: Any, participant: Any, iid: str, flow: str, **kw: Any) -> tuple[dict[str, Any], str]:
    started = dict(
        connect.start_chat_contact(InstanceId=iid, ContactFlowId=flow, ParticipantDetails={"DisplayName": "Ann"}, **kw)
    )
    connection = participant.create_participant_connection(
        ParticipantToken=started["ParticipantToken"], Type=["WEBSOCKET", "CONNECTION_CREDENTIALS"]
    )
    assert urllib.parse.urlsplit(connection["Websocket"]["Url"]).scheme == "wss"
    return started, connection["ConnectionCredentials"]["ConnectionToken"]


def _walk(participant: Any, token: str, **kw: Any) -> list[dict[str, Any]]:
    items, request = [], {"ConnectionToken": token, "MaxResults": 2, **kw}
    while True:
        page = participant.get_transcript(**request)
        items.extend(page["Transcript"])
        if not page.get("NextToken"):
            return items
        request["NextToken"] = page["NextToken"]


def test_a_chat_end_to_end(moto_connect: Any, connect: Any) -> None:
    participant = moto_connect.client("connectparticipant")
    iid = new_instance(connect)["Id"]
    flow = _flow(connect, iid, {"Type": "MessageParticipant", "Parameters": {"Text": "Welcome!"}})
    started, token = _chat(
        connect, participant, iid, flow, InitialMessage={"ContentType": "text/plain", "Content": "Hi"}
    )
    # tokens: the participant token only opens a connection; a wrong token is refused
    for bad in ("nope", started["ParticipantToken"]):
        with raises("AccessDeniedException", 403):
            participant.send_message(ConnectionToken=bad, ContentType="text/plain", Content="x")
    with raises("AccessDeniedException", 403):
        participant.create_participant_connection(ParticipantToken=token, Type=["WEBSOCKET"])

    sent = participant.send_message(
        ConnectionToken=token, ContentType="text/plain", Content="Order 42", ClientToken="m1"
    )
    assert (
        participant.send_message(ConnectionToken=token, ContentType="text/plain", Content="Order 42", ClientToken="m1")[
            "Id"
        ]
        == sent["Id"]
    )
    with raises("ValidationException", 400, "not supported"):
        participant.send_message(ConnectionToken=token, ContentType="text/markdown", Content="*x*")
    participant.send_event(ConnectionToken=token, ContentType=TYPING)
    with raises("ValidationException", 400):
        participant.send_event(ConnectionToken=token, ContentType="application/vnd.amazonaws.connect.event.chat.ended")

    # a bot joins and answers; the customer's read receipt lands on the bot's message
    bot = connect.create_participant(
        InstanceId=iid,
        ContactId=started["ContactId"],
        ParticipantDetails={"ParticipantRole": "CUSTOM_BOT", "DisplayName": "Bot"},
    )
    bot_token = participant.create_participant_connection(
        ParticipantToken=bot["ParticipantCredentials"]["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]["ConnectionToken"]
    answer = participant.send_message(ConnectionToken=bot_token, ContentType="text/plain", Content="On its way")
    participant.send_event(
        ConnectionToken=token,
        ContentType="application/vnd.amazonaws.connect.event.message.read",
        Content=json.dumps({"messageId": answer["Id"]}),
    )
    with raises("ValidationException", 400, "not found"):
        participant.send_event(
            ConnectionToken=token,
            ContentType="application/vnd.amazonaws.connect.event.message.read",
            Content=json.dumps({"messageId": "nope"}),
        )

    # the transcript: in order, with ids, times, roles; paged both ways
    oldest_first = _walk(
        participant, token, ScanDirection="FORWARD", SortOrder="ASCENDING", StartPosition={"MostRecent": 99}
    )
    assert [
        (i["Type"], i.get("ParticipantRole"), i.get("Content") or i["ContentType"].rsplit(".", 2)[-2])
        for i in oldest_first
    ] == [
        ("EVENT", "CUSTOMER", "participant"),
        ("MESSAGE", "CUSTOMER", "Hi"),
        ("MESSAGE", "SYSTEM", "Welcome!"),
        ("MESSAGE", "CUSTOMER", "Order 42"),
        ("EVENT", "CUSTOMER", "event"),
        ("EVENT", "CUSTOM_BOT", "participant"),
        ("MESSAGE", "CUSTOM_BOT", "On its way"),
    ]
    times = [i["AbsoluteTime"] for i in oldest_first]
    assert times == sorted(times) and len(set(i["Id"] for i in oldest_first)) == len(oldest_first)
    assert all(i["ContactId"] == started["ContactId"] for i in oldest_first)
    assert oldest_first[-1]["MessageMetadata"]["Receipts"][0]["ReadTimestamp"]
    newest_first = _walk(participant, token)
    assert [i["Id"] for i in newest_first] == [i["Id"] for i in reversed(oldest_first)]
    page = participant.get_transcript(
        ConnectionToken=token, StartPosition={"Id": oldest_first[3]["Id"]}, SortOrder="ASCENDING", MaxResults=2
    )
    assert [i["Id"] for i in page["Transcript"]] == [oldest_first[3]["Id"], oldest_first[4]["Id"]]
    with raises("ValidationException", 400):
        participant.get_transcript(ConnectionToken=token, StartPosition={"Id": "nope"})

    # the customer leaves: the contact ends, the chat ends, the tokens are revoked
    participant.disconnect_participant(ConnectionToken=token)
    contact = connect.describe_contact(InstanceId=iid, ContactId=started["ContactId"])["Contact"]
    assert contact["DisconnectReason"] == "CUSTOMER_DISCONNECT" and "DisconnectTimestamp" in contact
    for each in (token, bot_token):
        with raises("AccessDeniedException", 403):
            participant.get_transcript(ConnectionToken=each)

    # a persistent chat continues it: the past items come first, marked with their contact
    _, token2 = _chat(
        connect,
        participant,
        iid,
        flow,
        PersistentChat={"RehydrationType": "FROM_SEGMENT", "SourceContactId": started["ContactId"]},
    )
    items = _walk(participant, token2, ScanDirection="FORWARD", SortOrder="ASCENDING", StartPosition={"MostRecent": 99})
    past = [i for i in items if i.get("RelatedContactId") == started["ContactId"]]
    assert past[0]["Id"] == oldest_first[0]["Id"]
    assert past[-1]["ContentType"] == chat_rules.ENDED and items[-1].get("ContactId")
    only_past = participant.get_transcript(ConnectionToken=token2, ContactId=started["ContactId"], MaxResults=100)
    assert only_past["InitialContactId"] == started["ContactId"] and len(only_past["Transcript"]) == len(past)


def test_attachments_views_and_authentication(moto_connect: Any, connect: Any) -> None:
    participant = moto_connect.client("connectparticipant")
    s3 = moto_connect.client("s3")
    s3.create_bucket(Bucket="chat-files")
    iid = new_instance(connect)["Id"]
    connect.associate_instance_storage_config(
        InstanceId=iid,
        ResourceType="ATTACHMENTS",
        StorageConfig={"StorageType": "S3", "S3Config": {"BucketName": "chat-files", "BucketPrefix": "chat"}},
    )
    flow = _flow(
        connect,
        iid,
        {"Type": "ShowView", "Parameters": {"ViewResource": {"Id": "arn:aws:connect:us-east-1:aws:view/form:1"}}},
    )
    _, token = _chat(connect, participant, iid, flow)
    upload = participant.start_attachment_upload(
        ConnectionToken=token,
        ContentType="text/plain",
        AttachmentSizeInBytes=5,
        AttachmentName="note.txt",
        ClientToken="u1",
    )
    with raises("ValidationException", 400, "has not been uploaded"):
        participant.complete_attachment_upload(
            ConnectionToken=token, AttachmentIds=[upload["AttachmentId"]], ClientToken="c0"
        )
    key = urllib.parse.unquote(urllib.parse.urlsplit(upload["UploadMetadata"]["Url"]).path.lstrip("/"))
    assert key.startswith("chat/Attachments/chat/")
    s3.put_object(Bucket="chat-files", Key=key, Body=b"hello")
    participant.complete_attachment_upload(
        ConnectionToken=token, AttachmentIds=[upload["AttachmentId"]], ClientToken="c1"
    )
    with raises("ConflictException", 409):
        participant.complete_attachment_upload(
            ConnectionToken=token, AttachmentIds=[upload["AttachmentId"]], ClientToken="c2"
        )
    got = participant.get_attachment(ConnectionToken=token, AttachmentId=upload["AttachmentId"], UrlExpiryInSeconds=60)
    assert got["AttachmentSizeInBytes"] == 5 and "note.txt" in urllib.parse.unquote(got["Url"])
    for bad in ({"ContentType": "application/x-msdownload"}, {"AttachmentSizeInBytes": 21 * 1024 * 1024}):
        with raises("ValidationException", 400):
            participant.start_attachment_upload(
                **{
                    "ConnectionToken": token,
                    "ContentType": "text/plain",
                    "AttachmentSizeInBytes": 5,
                    "AttachmentName": "x.txt",
                    "ClientToken": "u2",
                    **bad,
                }
            )
    items = participant.get_transcript(ConnectionToken=token, SortOrder="ASCENDING")["Transcript"]
    assert items[-1]["Attachments"][0]["Status"] == "APPROVED"
    shown = next(i for i in items if i["ContentType"] == chat_rules.INTERACTIVE)
    view_token = json.loads(shown["Content"])["data"]["content"]["viewToken"]
    view = participant.describe_view(ConnectionToken=token, ViewToken=view_token)["View"]
    assert view["Name"] == "form" and view["Version"] == 1
    with raises("ResourceNotFoundException", 404):
        participant.describe_view(ConnectionToken=token, ViewToken="nope")

    auth_flow = _flow(connect, iid, {"Type": "AuthenticateParticipant", "Parameters": {}})
    _, token = _chat(connect, participant, iid, auth_flow)
    event = next(
        i
        for i in participant.get_transcript(ConnectionToken=token)["Transcript"]
        if i["ContentType"] == chat_rules.AUTH_INITIATED
    )
    session = json.loads(event["Content"])["SessionId"]
    with raises("ValidationException", 400):
        participant.get_authentication_url(
            ConnectionToken=token, SessionId="0" * 36, RedirectUri="https://example.com/back"
        )
    url = participant.get_authentication_url(
        ConnectionToken=token, SessionId=session, RedirectUri="https://example.com/back"
    )["AuthenticationUrl"]
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["state"][0]
    with raises("InvalidParameterException", 400):
        connect.update_participant_authentication(InstanceId=iid, State=state)
    connect.update_participant_authentication(InstanceId=iid, State=state, Code="code-1")
    with raises("ConflictException", 409):
        connect.update_participant_authentication(InstanceId=iid, State=state, Code="code-1")
    with raises("ValidationException", 400):
        participant.cancel_participant_authentication(ConnectionToken=token, SessionId=session)


def test_a_chat_through_moto_server(server: str) -> None:
    connect = server_client(server, "connect")
    participant = server_client(server, "connectparticipant")
    iid = new_instance(connect, "chatserver")["Id"]
    flow = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"][0][
        "Id"
    ]
    started, token = _chat(connect, participant, iid, flow)
    participant.send_message(ConnectionToken=token, ContentType="text/plain", Content="via server")
    contents = [i.get("Content") for i in participant.get_transcript(ConnectionToken=token)["Transcript"]]
    assert "via server" in contents
    with raises("AccessDeniedException", 403):
        participant.get_transcript(ConnectionToken="wrong")
    participant.disconnect_participant(ConnectionToken=token)
    assert (
        connect.describe_contact(InstanceId=iid, ContactId=started["ContactId"])["Contact"]["DisconnectReason"]
        == "CUSTOMER_DISCONNECT"
    )
    assert boto3  # (the module's clients are boto3's)
    pytest.importorskip("flask")


def _web_call(connect: Any) -> tuple[str, dict[str, Any]]:
    iid = new_instance(connect)["Id"]
    flow = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"][0][
        "Id"
    ]
    call = connect.start_web_rtc_contact(InstanceId=iid, ContactFlowId=flow, ParticipantDetails={"DisplayName": "Ann"})
    return iid, dict(call)


def test_a_web_call_participant_connects_to_the_call_meeting(moto_connect: Any, connect: Any) -> None:
    # "When CreateParticipant completes successfully, it returns a participant token. This token can
    # be used in a request to CreateParticipantConnection with Type set to WEBRTC_CONNECTION"
    participant = moto_connect.client("connectparticipant")
    iid, call = _web_call(connect)
    added = connect.create_participant(
        InstanceId=iid,
        ContactId=call["ContactId"],
        ParticipantDetails={"DisplayName": "Bo", "ParticipantRole": "CUSTOMER"},
    )["ParticipantCredentials"]["ParticipantToken"]
    answers = []
    for token in (call["ParticipantToken"], added, added):
        answer = dict(participant.create_participant_connection(ParticipantToken=token, Type=["WEBRTC_CONNECTION"]))
        answer.pop("ResponseMetadata")
        assert list(answer) == ["WebRTCConnection"]
        answers.append(answer["WebRTCConnection"])
    meeting = answers[0]["Meeting"]
    assert set(meeting) == {"MediaPlacement", "MeetingFeatures", "MeetingId"}
    # the customer's connection is the one StartWebRTCContact answered
    started = call["ConnectionData"]
    assert answers[0]["Attendee"] == started["Attendee"]
    assert meeting["MeetingId"] == started["Meeting"]["MeetingId"]
    assert meeting["MediaPlacement"].items() <= started["Meeting"]["MediaPlacement"].items()
    assert set(meeting["MediaPlacement"]) == {"AudioHostUrl", "AudioFallbackUrl", "SignalingUrl", "EventIngestionUrl"}
    assert all(a["Meeting"] == meeting for a in answers)
    attendees = [a["Attendee"] for a in answers]
    assert attendees[1] == attendees[2] != attendees[0] and set(attendees[0]) == {"AttendeeId", "JoinToken"}
    # the participant token opens no connection token: the Participant Service's other calls refuse it
    with raises("AccessDeniedException", 403):
        participant.get_transcript(ConnectionToken=added)
    connect.stop_contact(InstanceId=iid, ContactId=call["ContactId"])
    with raises("AccessDeniedException", 403):
        participant.create_participant_connection(ParticipantToken=added, Type=["WEBRTC_CONNECTION"])


@pytest.mark.parametrize(
    "kinds",
    [{"Type": ["WEBSOCKET"]}, {"Type": ["CONNECTION_CREDENTIALS"]}, {"Type": ["WEBRTC_CONNECTION", "WEBSOCKET"]}, {}],
)
def test_a_web_call_participant_connects_with_webrtc_only(
    moto_connect: Any, connect: Any, kinds: dict[str, list[str]]
) -> None:
    participant = moto_connect.client("connectparticipant")
    _, call = _web_call(connect)
    with raises("ValidationException", 400):
        participant.create_participant_connection(
            ParticipantToken=call["ParticipantToken"], ConnectParticipant=True, **kinds
        )


def test_a_chat_participant_cannot_ask_for_a_webrtc_connection(moto_connect: Any, connect: Any) -> None:
    participant = moto_connect.client("connectparticipant")
    iid, _ = _web_call(connect)
    flow = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"][0][
        "Id"
    ]
    started = connect.start_chat_contact(InstanceId=iid, ContactFlowId=flow, ParticipantDetails={"DisplayName": "Ann"})
    with raises("ValidationException", 400, "WEBRTC_CONNECTION"):
        participant.create_participant_connection(
            ParticipantToken=started["ParticipantToken"], Type=["WEBRTC_CONNECTION"]
        )


def _text_chat_bot(connect: Any, participant: Any, subtype: str, *actions: dict[str, Any]) -> str:
    """A custom bot's connection token on an outbound chat of ``subtype`` (SMS, WhatsApp)."""
    iid = new_instance(connect)["Id"]
    flow = _flow(connect, iid, *actions)
    number = connect.claim_phone_number(
        TargetArn=connect.describe_instance(InstanceId=iid)["Instance"]["Arn"],
        PhoneNumber=connect.search_available_phone_numbers(
            InstanceId=iid, PhoneNumberCountryCode="US", PhoneNumberType="DID"
        )["AvailableNumbersList"][0]["PhoneNumber"],
    )["PhoneNumberArn"]
    contact = connect.start_outbound_chat_contact(
        InstanceId=iid,
        ContactFlowId=flow,
        SourceEndpoint={"Type": "CONNECT_PHONENUMBER_ARN", "Address": number},
        DestinationEndpoint={"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"},
        SegmentAttributes={"connect:Subtype": {"ValueString": subtype}},
        SupportedMessagingContentTypes=["text/plain", "text/markdown"],
    )["ContactId"]
    bot = connect.create_participant(
        InstanceId=iid, ContactId=contact, ParticipantDetails={"ParticipantRole": "CUSTOM_BOT", "DisplayName": "Bot"}
    )["ParticipantCredentials"]["ParticipantToken"]
    return str(
        participant.create_participant_connection(ParticipantToken=bot, Type=["CONNECTION_CREDENTIALS"])[
            "ConnectionCredentials"
        ]["ConnectionToken"]
    )


@pytest.mark.parametrize("subtype", ["connect:SMS", "connect:WhatsApp"])
def test_sms_and_whatsapp_chats_take_text_plain_only(moto_connect: Any, connect: Any, subtype: str) -> None:
    # SendMessage: "For Apple Messages for Business, SMS, and WhatsApp Business Messaging contacts,
    # only text/plain is supported"
    participant = moto_connect.client("connectparticipant")
    token = _text_chat_bot(connect, participant, subtype)
    with raises("ValidationException", 400, "text/plain"):
        participant.send_message(ConnectionToken=token, ContentType="text/markdown", Content="*Hi*")
    participant.send_message(ConnectionToken=token, ContentType="text/plain", Content="Hi")
    contents = [i.get("Content") for i in participant.get_transcript(ConnectionToken=token)["Transcript"]]
    assert "Hi" in contents and "*Hi*" not in contents


@pytest.mark.parametrize("subtype", ["connect:SMS", "connect:WhatsApp"])
def test_sms_and_whatsapp_chats_have_no_customer_authentication(moto_connect: Any, connect: Any, subtype: str) -> None:
    # GetAuthenticationUrl, CancelParticipantAuthentication: "This API is not supported for Apple
    # Messages for Business, WhatsApp, or SMS chats"
    participant = moto_connect.client("connectparticipant")
    token = _text_chat_bot(connect, participant, subtype, {"Type": "AuthenticateParticipant", "Parameters": {}})
    event = next(
        i
        for i in participant.get_transcript(ConnectionToken=token)["Transcript"]
        if i["ContentType"] == chat_rules.AUTH_INITIATED
    )
    session = json.loads(event["Content"])["SessionId"]
    with raises("ValidationException", 400, "not supported"):
        participant.get_authentication_url(
            ConnectionToken=token, SessionId=session, RedirectUri="https://example.com/back"
        )
    with raises("ValidationException", 400, "not supported"):
        participant.cancel_participant_authentication(ConnectionToken=token, SessionId=session)
