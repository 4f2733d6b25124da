"""A contact's media through boto3: recording, chat streaming (moto's SNS), message processing
(moto's Lambda), analytics jobs, real-time segments and queue metrics."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import contact_media, contacts
from tests.connect.test_contact_agents import World
from tests.helpers import lambda_function, raises
from tests.servers import server_client


@pytest.fixture
def world(connect: Any) -> World:
    return World(connect)


def test_recording_is_voice_only_once_and_suspends_while_running(world: World) -> None:
    c, iid = world.connect, world.iid
    voice, chat = world.contact("VOICE"), world.contact("CHAT")
    ids = {"InstanceId": iid, "ContactId": voice.id, "InitialContactId": voice.id}
    config = {"VoiceRecordingConfiguration": {"VoiceRecordingTrack": "ALL"}}
    for tracks in ({}, {"VoiceRecordingTrack": "ALL", "IvrRecordingTrack": "ALL"}):
        with raises("InvalidParameterException", 400, match="one and only one"):
            c.start_contact_recording(**ids, VoiceRecordingConfiguration=tracks)
    assert contact_media.recording_status(voice) == {}
    with raises("InvalidRequestException", 400, match="only voice"):
        c.start_contact_recording(**{**ids, "ContactId": chat.id, "InitialContactId": chat.id}, **config)
    with raises("ResourceNotFoundException", 404):
        c.start_contact_recording(**{**ids, "ContactId": "nope"}, **config)
    with raises("InvalidRequestException", match="not the initial contact"):
        c.start_contact_recording(**{**ids, "InitialContactId": chat.id}, **config)
    with raises("InvalidRequestException", match="not being recorded"):
        c.suspend_contact_recording(**ids)
    c.start_contact_recording(**ids, **config)
    with raises("InvalidRequestException", match="already been started"):
        c.start_contact_recording(**ids, **config)
    with raises("InvalidRequestException", match="not SUSPENDED"):
        c.resume_contact_recording(**ids)
    with raises("InvalidRequestException", match="has no IVR recording"):
        c.suspend_contact_recording(**ids, ContactRecordingType="IVR")
    c.suspend_contact_recording(**ids, ContactRecordingType="AGENT")
    assert contact_media.recording_status(voice) == {"AGENT": "SUSPENDED"}
    with raises("InvalidRequestException", match="not RECORDING"):
        c.suspend_contact_recording(**ids)
    with raises("InvalidRequestException", match="has no SCREEN recording"):
        c.resume_contact_recording(**ids, ContactRecordingType="SCREEN")
    c.resume_contact_recording(**ids)
    c.stop_contact_recording(**ids, ContactRecordingType="AGENT")
    with raises("InvalidRequestException", match="not SUSPENDED"):
        c.resume_contact_recording(**ids, ContactRecordingType="AGENT")
    assert contact_media.recording_status(voice) == {"AGENT": "STOPPED"}
    with raises("InvalidRequestException", match="already been stopped"):
        c.stop_contact_recording(**ids)
    with raises("InvalidRequestException", match="already been started"):  # a one-time action
        c.start_contact_recording(**ids, **config)
    world.end(voice)
    with raises("InvalidRequestException", match="has ended"):
        c.stop_contact_recording(**ids)

    # a recorded voice contact can be analysed once; a chat or an unrecorded call cannot
    job = {
        "InstanceId": iid,
        "AnalyticsModes": ["PostContact"],
        "AnalyticsConfiguration": {
            "LanguageConfiguration": {"LanguageLocale": "en-US"},
            "RedactionConfiguration": {"Behavior": "Enable", "Policy": "RedactedOnly"},
            "SentimentConfiguration": {"Behavior": "Enable"},
            "SummaryConfiguration": {"SummaryModes": ["PostContact"]},
            "RulesConfiguration": {"Behavior": "Disable"},
        },
        "ClientToken": "j1",
    }
    with raises("InvalidRequestException", match="no voice recording"):
        c.start_contact_conversational_analytics_job(**job, ContactId=world.contact("VOICE").id)
    with raises("InvalidRequestException", match="not a voice contact"):
        c.start_contact_conversational_analytics_job(**job, ContactId=chat.id)
    answer = c.start_contact_conversational_analytics_job(**job, ContactId=voice.id)
    assert (answer["InstanceId"], answer["ContactId"]) == (iid, voice.id)
    assert c.start_contact_conversational_analytics_job(**job, ContactId=voice.id)["ContactId"] == voice.id
    with raises("IdempotencyException"):
        c.start_contact_conversational_analytics_job(**{**job, "AnalyticsModes": ["RealTime"]}, ContactId=voice.id)
    with raises("InvalidRequestException", match="already been started"):
        c.start_contact_conversational_analytics_job(**{**job, "ClientToken": "j2"}, ContactId=voice.id)
    lens = voice.attrs["ContactLens"]["ConversationalAnalytics"]["Configuration"]
    assert lens["LanguageLocale"] == "en-US" and lens["ChannelConfiguration"] == {"AnalyticsModes": ["PostContact"]}


def test_chat_streaming_processing_segments_and_metrics(world: World, moto_connect: Any) -> None:
    c, iid = world.connect, world.iid
    sns = moto_connect.client("sns")
    topic = sns.create_topic(Name="chat-stream")["TopicArn"]
    fifo = sns.create_topic(Name="chat.fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    chat, voice = world.contact("CHAT"), world.contact("VOICE")
    stream = {"InstanceId": iid, "ContactId": chat.id, "ClientToken": "s1"}
    config = {"StreamingEndpointArn": topic}
    for endpoint, code in (
        (fifo, "InvalidParameterException"),
        ("arn:aws:sqs:us-east-1:123456789012:q", "InvalidParameterException"),
        (topic + "-gone", "ResourceNotFoundException"),
    ):
        with raises(code):
            c.start_contact_streaming(
                **{**stream, "ClientToken": endpoint[-10:]},
                ChatStreamingConfiguration={"StreamingEndpointArn": endpoint},
            )
    with raises("InvalidRequestException", match="only chats"):
        c.start_contact_streaming(
            **{**stream, "ContactId": voice.id, "ClientToken": "v"}, ChatStreamingConfiguration=config
        )
    first = c.start_contact_streaming(**stream, ChatStreamingConfiguration=config)["StreamingId"]
    assert c.start_contact_streaming(**stream, ChatStreamingConfiguration=config)["StreamingId"] == first
    c.stop_contact_streaming(InstanceId=iid, ContactId=chat.id, StreamingId=first)
    with raises("ResourceNotFoundException", match="Streaming not found"):
        c.stop_contact_streaming(InstanceId=iid, ContactId=chat.id, StreamingId=first)
    second = c.start_contact_streaming(**{**stream, "ClientToken": "s2"}, ChatStreamingConfiguration=config)
    assert contact_media.active_streams(chat) == {second["StreamingId"]: topic}

    function = lambda_function(moto_connect.client, "processor")
    processing = {"InstanceId": iid, "ContactId": chat.id}
    with raises("InvalidParameterException", match="ProcessorArn required"):
        c.start_contact_media_processing(**processing)
    with raises("ResourceNotFoundException", match="Function not found"):
        c.start_contact_media_processing(**processing, ProcessorArn=function + "-gone")
    with raises("InvalidRequestException", match="not active"):
        c.stop_contact_media_processing(**processing)
    c.start_contact_media_processing(**processing, ProcessorArn=function)
    assert chat.attrs["_MediaProcessing"]["FailureMode"] == "DELIVER_UNPROCESSED_MESSAGE"
    with raises("InvalidRequestException", match="already active"):
        c.start_contact_media_processing(**processing, ProcessorArn=function)
    c.stop_contact_media_processing(**processing)

    # real-time segments: chats only; the contact's participant events
    segments = {"InstanceId": iid, "ContactId": chat.id, "OutputType": "Raw", "SegmentTypes": ["Event"]}
    with raises("InvalidRequestException", match="chats only"):
        c.list_realtime_contact_analysis_segments_v2(**{**segments, "ContactId": voice.id})
    with raises("OutputTypeNotFoundException"):
        c.list_realtime_contact_analysis_segments_v2(**{**segments, "OutputType": "Redacted"})
    contacts.route_to_agent(world.backend.resources, chat, world.agent, world.caller)
    answer = c.list_realtime_contact_analysis_segments_v2(**segments)
    assert answer["Channel"] == "CHAT" and answer["Status"] == "IN_PROGRESS"
    assert [s["Event"]["ParticipantRole"] for s in answer["Segments"]] == ["CUSTOMER", "AGENT"]
    world.end(chat)
    answer = c.list_realtime_contact_analysis_segments_v2(**segments, MaxResults=2)
    assert answer["Status"] == "COMPLETED" and len(answer["Segments"]) == 2 and answer["NextToken"]
    assert (
        c.list_realtime_contact_analysis_segments_v2(**{**segments, "SegmentTypes": ["Transcript"]})["Segments"] == []
    )

    # queue metrics: position among the queued contacts, wait from the queue's answered contacts
    later = world.contact("TASK")
    metrics = [{"Name": "POSITION_IN_QUEUE"}, {"Name": "ESTIMATED_WAIT_TIME"}]
    answer = c.get_contact_metrics(InstanceId=iid, ContactId=later.id, Metrics=metrics)
    assert answer["Id"] == later.id and answer["Arn"] == later.arn
    values = {m["Name"]: m["Value"]["Number"] for m in answer["MetricResults"]}
    assert values["POSITION_IN_QUEUE"] == 2.0 and values["ESTIMATED_WAIT_TIME"] >= 0.0  # the voice call is ahead
    contacts.route_to_agent(world.backend.resources, voice, world.agent, world.caller)
    answer = c.get_contact_metrics(InstanceId=world.instance.arn, ContactId=later.id, Metrics=metrics[:1])
    assert answer["MetricResults"] == [{"Name": "POSITION_IN_QUEUE", "Value": {"Number": 1.0}}]
    with raises("InvalidRequestException", match="not in a queue"):
        c.get_contact_metrics(InstanceId=iid, ContactId=voice.id, Metrics=metrics)


def test_family_in_server_mode(server: str) -> None:
    """Recording through moto's server."""
    connect = server_client(server, "connect", "eu-west-2")
    world = World(connect, "eu-west-2", "served-media")
    voice = world.contact("VOICE")
    ids = {"InstanceId": world.iid, "ContactId": voice.id, "InitialContactId": voice.id}
    connect.start_contact_recording(**ids, VoiceRecordingConfiguration={"VoiceRecordingTrack": "FROM_AGENT"})
    connect.suspend_contact_recording(**ids)
    with raises("InvalidRequestException", 400, match="not RECORDING"):
        connect.suspend_contact_recording(**ids)
    connect.resume_contact_recording(**ids)
    assert contact_media.recording_status(voice) == {"AGENT": "RECORDING"}
