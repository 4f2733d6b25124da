"""The Participant Service's base resources (a chat and its customer's connection) and valid
requests for its operations."""

from __future__ import annotations

import json
from typing import Any

from tests.conformance.seeds import SEEDS, Clients, Ids, World, happy
from tests.helpers import new_instance


def _flow(connect: Any, instance_id: str, name: str, action: dict[str, Any] | None = None) -> str:
    if action is None:
        flows = connect.list_contact_flows(InstanceId=instance_id, ContactFlowTypes=["CONTACT_FLOW"])
        return str(flows["ContactFlowSummaryList"][0]["Id"])
    first = "00000000-0000-4000-8000-000000000001"
    content = {
        "Version": "2019-10-30",
        "StartAction": first,
        "Actions": [{"Identifier": first, "Transitions": {}, **action}],
    }
    made = connect.create_contact_flow(
        InstanceId=instance_id, Name=name, Type="CONTACT_FLOW", Content=json.dumps(content)
    )
    return str(made["ContactFlowId"])


def _connected(connect: Any, participant: Any, instance_id: str, flow: str) -> dict[str, Any]:
    started = dict(
        connect.start_chat_contact(
            InstanceId=instance_id, ContactFlowId=flow, ParticipantDetails={"DisplayName": "Happy"}
        )
    )
    credentials = participant.create_participant_connection(
        ParticipantToken=started["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"]
    )["ConnectionCredentials"]
    return {**started, "ConnectionToken": credentials["ConnectionToken"]}


def _seed_participant(clients: Clients) -> Ids:
    connect = clients("connect")
    instance_id = new_instance(connect, "seed-chat")["Id"]
    chat = _connected(connect, clients("connectparticipant"), instance_id, _flow(connect, instance_id, ""))
    # a second chat whose participant token is still unused, for CreateParticipantConnection
    second = connect.start_chat_contact(
        InstanceId=instance_id, ContactFlowId=_flow(connect, instance_id, ""), ParticipantDetails={"DisplayName": "B"}
    )
    return {
        "InstanceId": [instance_id],
        "ContactId": [chat["ContactId"]],
        "ConnectionToken": [chat["ConnectionToken"]],
        "ParticipantToken": [second["ParticipantToken"]],
    }


SEEDS["connectparticipant"] = _seed_participant


def _transcript(world: World, token: str) -> list[dict[str, Any]]:
    return list(world.client().get_transcript(ConnectionToken=token, MaxResults=100)["Transcript"])


@happy("connectparticipant", "CreateParticipantConnection")
def _connection(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Type": ["WEBSOCKET", "CONNECTION_CREDENTIALS"]}


@happy("connectparticipant", "SendMessage")
def _message(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ContentType": "text/plain", "Content": "hello"}


@happy("connectparticipant", "SendEvent")
def _event(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ContentType": "application/vnd.amazonaws.connect.event.typing"}


@happy("connectparticipant", "StartAttachmentUpload")
def _start_upload(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ContentType": "text/plain", "AttachmentSizeInBytes": 5, "AttachmentName": "note.txt"}


def _uploaded(world: World, complete: bool) -> str:
    token = world.first("ConnectionToken")
    started = world.client().start_attachment_upload(
        ConnectionToken=token,
        ContentType="text/plain",
        AttachmentSizeInBytes=5,
        AttachmentName="n.txt",
        ClientToken="a",
    )
    if complete:  # Connect's own storage (the instance names no bucket): nothing to upload in moto's S3
        world.client().complete_attachment_upload(
            ConnectionToken=token, AttachmentIds=[started["AttachmentId"]], ClientToken="b"
        )
    return str(started["AttachmentId"])


@happy("connectparticipant", "CompleteAttachmentUpload")
def _complete_upload(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "AttachmentIds": [_uploaded(world, False)]}


@happy("connectparticipant", "GetAttachment")
def _attachment(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "AttachmentId": _uploaded(world, True)}


@happy("connectparticipant", "DescribeView")
def _view(world: World, request: dict[str, Any]) -> dict[str, Any]:
    connect = world.client("connect")
    instance_id = world.first("InstanceId")
    show = {"Type": "ShowView", "Parameters": {"ViewResource": {"Id": "arn:aws:connect:us-east-1:aws:view/form"}}}
    chat = _connected(connect, world.client(), instance_id, _flow(connect, instance_id, "happy-view", show))
    shown = next(i for i in _transcript(world, chat["ConnectionToken"]) if i["ContentType"].endswith("interactive"))
    view_token = json.loads(shown["Content"])["data"]["content"]["viewToken"]
    return {**request, "ConnectionToken": chat["ConnectionToken"], "ViewToken": view_token}


def _auth_session(world: World) -> tuple[str, str]:
    connect = world.client("connect")
    instance_id = world.first("InstanceId")
    authenticate = {"Type": "AuthenticateParticipant", "Parameters": {}}
    chat = _connected(connect, world.client(), instance_id, _flow(connect, instance_id, "happy-auth", authenticate))
    event = next(i for i in _transcript(world, chat["ConnectionToken"]) if "authentication" in i["ContentType"])
    return chat["ConnectionToken"], json.loads(event["Content"])["SessionId"]


@happy("connectparticipant", "GetAuthenticationUrl")
def _auth_url(world: World, request: dict[str, Any]) -> dict[str, Any]:
    token, session = _auth_session(world)
    return {**request, "ConnectionToken": token, "SessionId": session, "RedirectUri": "https://example.com/back"}


@happy("connectparticipant", "CancelParticipantAuthentication")
def _cancel_auth(world: World, request: dict[str, Any]) -> dict[str, Any]:
    token, session = _auth_session(world)
    return {**request, "ConnectionToken": token, "SessionId": session}
