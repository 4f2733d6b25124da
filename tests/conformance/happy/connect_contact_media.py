"""Valid requests of the contact media family: contacts made with the contact core on the mock's
backend, in the state each operation needs (a voice call being recorded, a chat, a queued contact)."""

from __future__ import annotations

from typing import Any

from moto_connect_ext.connect import contacts
from tests.conformance.happy.connect_contact_agents import _contact, _end
from tests.conformance.seeds import World, happy
from tests.helpers import lambda_function

_CONFIG = {"VoiceRecordingTrack": "ALL"}


@happy("connect", "StartContactRecording")
def _start_recording(world: World, request: dict[str, Any]) -> dict[str, Any]:
    voice = _contact(world, request["InstanceId"])
    return {**request, "ContactId": voice.id, "InitialContactId": voice.id, "VoiceRecordingConfiguration": _CONFIG}


@happy("connect", "StopContactRecording", "SuspendContactRecording")
def _recorded(world: World, request: dict[str, Any]) -> dict[str, Any]:
    voice = _contact(world, request["InstanceId"])
    ids = {"InstanceId": request["InstanceId"], "ContactId": voice.id, "InitialContactId": voice.id}
    world.client().start_contact_recording(**ids, VoiceRecordingConfiguration=_CONFIG)
    return {**request, **ids}


@happy("connect", "ResumeContactRecording")
def _suspended(world: World, request: dict[str, Any]) -> dict[str, Any]:
    request = _recorded(world, request)
    world.client().suspend_contact_recording(**request)
    return request


@happy("connect", "StartContactStreaming")
def _streaming(world: World, request: dict[str, Any]) -> dict[str, Any]:
    topic = world.client("sns").create_topic(Name="happy-stream")["TopicArn"]
    chat = _contact(world, request["InstanceId"], "CHAT")
    return {**request, "ContactId": chat.id, "ChatStreamingConfiguration": {"StreamingEndpointArn": topic}}


@happy("connect", "StopContactStreaming")
def _stop_streaming(world: World, request: dict[str, Any]) -> dict[str, Any]:
    start = _streaming(world, {"InstanceId": request["InstanceId"], "ClientToken": "happy-stop"})
    streaming = world.client().start_contact_streaming(**start)["StreamingId"]
    return {"InstanceId": request["InstanceId"], "ContactId": start["ContactId"], "StreamingId": streaming}


@happy("connect", "StartContactMediaProcessing")
def _processing(world: World, request: dict[str, Any]) -> dict[str, Any]:
    """The request is all optional in the model: the build arrives empty."""
    iid = world.first("InstanceId")
    return {
        "InstanceId": iid,
        "ContactId": _contact(world, iid, "CHAT").id,
        "ProcessorArn": lambda_function(world.client, "happy-processor"),
    }


@happy("connect", "StopContactMediaProcessing")
def _processed(world: World, request: dict[str, Any]) -> dict[str, Any]:
    start = _processing(world, request)
    world.client().start_contact_media_processing(**start)
    return {"InstanceId": start["InstanceId"], "ContactId": start["ContactId"]}


@happy("connect", "StartContactConversationalAnalyticsJob")
def _analytics(world: World, request: dict[str, Any]) -> dict[str, Any]:
    voice = _contact(world, request["InstanceId"])
    world.client().start_contact_recording(
        InstanceId=request["InstanceId"],
        ContactId=voice.id,
        InitialContactId=voice.id,
        VoiceRecordingConfiguration=_CONFIG,
    )
    _end(world, voice)
    return {**request, "ContactId": voice.id}


@happy("connect", "ListRealtimeContactAnalysisSegmentsV2")
def _segments(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ContactId": _contact(world, request["InstanceId"], "CHAT").id, "OutputType": "Raw"}


@happy("connect", "GetContactMetrics")
def _metrics(world: World, request: dict[str, Any]) -> dict[str, Any]:
    queued = _contact(world, request["InstanceId"], "CHAT")
    assert contacts.state(queued) == contacts.QUEUED
    return {**request, "ContactId": queued.id}
