"""A contact's media: recording, chat message streaming, in-flight message processing,
post-contact analytics jobs, real-time analysis segments and the contact's queue metrics.

State lives in the contact's private attributes (never rendered as such):

* ``_Recording``: what StartContactRecording asked (its ``VoiceRecordingConfiguration``, one and
  only one track) and, per recording type (``AGENT`` for the voice track, ``IVR`` for the IVR
  track), ``RECORDING``, ``SUSPENDED`` or ``STOPPED``.  Recording is voice only, starts once per contact (a stopped
  recording cannot restart), and suspend/resume only act on a recording that runs/is suspended.
* ``_Streams``: the chat's message streams by ``StreamingId`` (an SNS standard topic each,
  checked in moto's SNS).
* ``_MediaProcessing``: the chat's message processor (a Lambda function in moto's Lambda).
* ``ContactLens``: the post-contact analytics job's configuration (a member of ``Contact``).

GetContactMetrics computes from the contacts themselves: a queued contact's position is one
more than the contacts of its queue ahead of it (by queue priority, then time in queue), and
its estimated wait is its position times the mean time the queue's answered contacts waited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.pagination import page_list
from ..core.resources import Container, ModeledError, Resource, Resources
from . import contacts
from .bots import check_function
from .exceptions import (
    IdempotencyException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
)

RECORDING = "_Recording"
STREAMS = "_Streams"
PROCESSING = "_MediaProcessing"
#: recording types each track of a VoiceRecordingConfiguration starts
TRACK_TYPES = {"VoiceRecordingTrack": "AGENT", "IvrRecordingTrack": "IVR"}


# -- recording ------------------------------------------------------------------------------------
def _recorded_contact(resources: Resources, instance: Container, contact_id: str, initial_id: str) -> Resource:
    """The contact, checked against its initial contact, voice, not ended."""
    contact = contacts.find(resources, instance, contact_id)
    initial = contacts.find(resources, instance, initial_id)
    if (contact.attrs.get("InitialContactId") or contact.id) != initial.id:
        raise InvalidRequestException(f"Contact {initial.id} is not the initial contact of contact {contact.id}")
    if contact.attrs["Channel"] != "VOICE":
        raise InvalidRequestException(
            f"Contact {contact.id} is a {contact.attrs['Channel']} contact: only voice is recorded"
        )
    contacts.active(contact)
    return contact


def start_recording(
    resources: Resources,
    instance: Container,
    contact_id: str,
    initial_id: str,
    configuration: Mapping[str, Any],
    caller: Caller,
) -> None:
    """StartContactRecording: a one-time action (once stopped, a recording does not restart)."""
    tracks = {kind: configuration[member] for member, kind in TRACK_TYPES.items() if configuration.get(member)}
    if len(tracks) != 1:
        raise InvalidParameterException(
            "VoiceRecordingConfiguration takes one and only one of VoiceRecordingTrack and IvrRecordingTrack"
        )
    contact = _recorded_contact(resources, instance, contact_id, initial_id)
    if RECORDING in contact.attrs:
        raise InvalidRequestException(f"Recording of contact {contact.id} has already been started")
    moment = now()
    recording = {
        "Configuration": dict(configuration),
        "Tracks": tracks,
        "Status": dict.fromkeys(tracks, "RECORDING"),
        # before the agent joins, recording starts when the agent joins
        "Started": moment,
    }
    resources.update(contact, {RECORDING: recording}, caller)


def _change_recording(
    resources: Resources,
    instance: Container,
    contact_id: str,
    initial_id: str,
    recording_type: str | None,
    allowed_from: str,
    to: str,
    caller: Caller,
) -> None:
    contact = _recorded_contact(resources, instance, contact_id, initial_id)
    recording = contact.attrs.get(RECORDING)
    if recording is None:
        raise InvalidRequestException(f"Contact {contact.id} is not being recorded")
    statuses: dict[str, str] = dict(recording["Status"])
    if recording_type is not None and recording_type not in statuses:
        raise InvalidRequestException(f"Contact {contact.id} has no {recording_type} recording")
    chosen = [recording_type] if recording_type else [k for k, v in statuses.items() if v == allowed_from]
    if not chosen or any(statuses[k] != allowed_from for k in chosen):
        state = ", ".join(f"{k} {v}" for k, v in statuses.items())
        raise InvalidRequestException(f"Recording of contact {contact.id} is not {allowed_from} ({state})")
    for kind in chosen:
        statuses[kind] = to
    resources.update(contact, {RECORDING: {**recording, "Status": statuses}}, caller)


def stop_recording(
    resources: Resources, instance: Container, contact_id: str, initial_id: str, kind: str | None, caller: Caller
) -> None:
    """StopContactRecording: a running or suspended recording stops for good."""
    contact = _recorded_contact(resources, instance, contact_id, initial_id)
    recording = contact.attrs.get(RECORDING)
    if recording is None:
        raise InvalidRequestException(f"Contact {contact.id} is not being recorded")
    statuses = dict(recording["Status"])
    if kind is not None and kind not in statuses:
        raise InvalidRequestException(f"Contact {contact.id} has no {kind} recording")
    chosen = [kind] if kind else [k for k, v in statuses.items() if v != "STOPPED"]
    if not chosen or any(statuses[k] == "STOPPED" for k in chosen):
        raise InvalidRequestException(f"Recording of contact {contact.id} has already been stopped")
    for each in chosen:
        statuses[each] = "STOPPED"
    resources.update(contact, {RECORDING: {**recording, "Status": statuses, "Stopped": now()}}, caller)


def suspend_recording(
    resources: Resources, instance: Container, contact_id: str, initial_id: str, kind: str | None, caller: Caller
) -> None:
    """SuspendContactRecording: only a running recording (silence fills the gap)."""
    _change_recording(resources, instance, contact_id, initial_id, kind, "RECORDING", "SUSPENDED", caller)


def resume_recording(
    resources: Resources, instance: Container, contact_id: str, initial_id: str, kind: str | None, caller: Caller
) -> None:
    """ResumeContactRecording: only a suspended recording."""
    _change_recording(resources, instance, contact_id, initial_id, kind, "SUSPENDED", "RECORDING", caller)


def recording_status(contact: Resource) -> dict[str, str]:
    """Each recording type's status (empty: never recorded)."""
    recording = contact.attrs.get(RECORDING)
    return dict(recording["Status"]) if recording else {}


# -- chat streaming and message processing --------------------------------------------------------
def _chat(resources: Resources, instance: Container, contact_id: str) -> Resource:
    contact = contacts.find(resources, instance, contact_id)
    if contact.attrs["Channel"] != "CHAT":
        raise InvalidRequestException(f"Contact {contact.id} is a {contact.attrs['Channel']} contact: only chats")
    return contacts.active(contact)


def _check_topic(arn: str, caller: Caller) -> None:
    """A standard SNS topic moto's SNS has."""
    parsed = parse_arn(arn)
    if parsed is None or parsed["service"] != "sns":
        raise InvalidParameterException(f"StreamingEndpointArn {arn} is not an Amazon SNS topic ARN")
    if arn.endswith(".fifo"):
        raise InvalidParameterException(f"{arn} is a FIFO topic: message streaming needs a standard SNS topic")
    from moto.sns.models import sns_backends

    account, region = parsed["account"], parsed["region"]
    if account != caller.account_id or arn not in sns_backends[account][region].topics:
        raise ResourceNotFoundException(f"SNS topic not found: {arn}")


def start_streaming(
    backend: Any, instance: Container, contact_id: str, endpoint_arn: str, client_token: str, caller: Caller
) -> str:
    """StartContactStreaming: the chat's messages to an SNS topic; answers the StreamingId."""
    resources: Resources = backend.resources

    def create() -> str:
        contact = _chat(resources, instance, contact_id)
        _check_topic(endpoint_arn, caller)
        streams = dict(contact.attrs.get(STREAMS) or {})
        streaming_id = str(uuid.uuid4())
        streams[streaming_id] = {"StreamingEndpointArn": endpoint_arn, "Started": now()}
        resources.update(contact, {STREAMS: streams}, caller)
        return streaming_id

    def mismatch() -> Exception:
        return InvalidRequestException(f"Client token {client_token} was used with another request")

    request = {"ContactId": contact_id, "StreamingEndpointArn": endpoint_arn}
    found, _ = backend.client_tokens.once("StartContactStreaming", client_token, request, create, mismatch)
    result: str = found
    return result


def stop_streaming(
    resources: Resources, instance: Container, contact_id: str, streaming_id: str, caller: Caller
) -> None:
    """StopContactStreaming: one of the chat's streams ends (StartContactStreaming may start another)."""
    contact = contacts.find(resources, instance, contact_id)
    streams = dict(contact.attrs.get(STREAMS) or {})
    if streaming_id not in streams or "Stopped" in streams[streaming_id]:
        raise ResourceNotFoundException(f"Streaming not found on contact {contact.id}: {streaming_id}")
    streams[streaming_id] = {**streams[streaming_id], "Stopped": now()}
    resources.update(contact, {STREAMS: streams}, caller)


def active_streams(contact: Resource) -> dict[str, str]:
    """StreamingId -> SNS topic of the chat's streams that run."""
    streams = contact.attrs.get(STREAMS) or {}
    return {k: v["StreamingEndpointArn"] for k, v in streams.items() if "Stopped" not in v}


def _required(params: Mapping[str, Any], *members: str) -> None:
    missing = [m for m in members if not params.get(m)]
    if missing:
        raise InvalidParameterException(f"{', '.join(missing)} required")


def start_media_processing(backend: Any, params: Mapping[str, Any], caller: Caller) -> None:
    """StartContactMediaProcessing: a Lambda function processes the chat's messages in flight."""
    _required(params, "InstanceId", "ContactId", "ProcessorArn")
    resources: Resources = backend.resources
    instance = backend.resource_root(params)
    contact = _chat(resources, instance, params["ContactId"])
    check_function(params["ProcessorArn"], caller)
    if contact.attrs.get(PROCESSING):
        raise InvalidRequestException(f"Message processing is already active on contact {contact.id}")
    processing = {
        "ProcessorArn": params["ProcessorArn"],
        "FailureMode": params.get("FailureMode", "DELIVER_UNPROCESSED_MESSAGE"),
        "Started": now(),
    }
    resources.update(contact, {PROCESSING: processing}, caller)


def stop_media_processing(backend: Any, params: Mapping[str, Any], caller: Caller) -> None:
    """StopContactMediaProcessing: the chat's message processing stops."""
    _required(params, "InstanceId", "ContactId")
    resources: Resources = backend.resources
    instance = backend.resource_root(params)
    contact = _chat(resources, instance, params["ContactId"])
    if not contact.attrs.get(PROCESSING):
        raise InvalidRequestException(f"Message processing is not active on contact {contact.id}")
    resources.update(contact, {PROCESSING: None}, caller)


# -- analytics ------------------------------------------------------------------------------------
def _has_voice_recording(resources: Resources, instance: Container, contact: Resource) -> bool:
    from .attached_files import has_recording

    return bool(recording_status(contact)) or has_recording(resources, instance, contact)


def start_analytics_job(backend: Any, instance: Container, params: Mapping[str, Any], caller: Caller) -> None:
    """StartContactConversationalAnalyticsJob: post-contact analysis of a voice contact's recording."""
    resources: Resources = backend.resources
    token = params.get("ClientToken")
    request = {k: v for k, v in params.items() if k != "ClientToken"}

    def create() -> str:
        contact = contacts.find(resources, instance, params["ContactId"])
        if contact.attrs["Channel"] != "VOICE":
            raise InvalidRequestException(f"Contact {contact.id} is not a voice contact")
        if not _has_voice_recording(resources, instance, contact):
            raise InvalidRequestException(
                f"Contact {contact.id} has no voice recording: attach one with CreateAttachedFile first"
            )
        if contact.attrs.get("ContactLens"):
            raise InvalidRequestException(f"An analytics job has already been started for contact {contact.id}")
        configuration = _lens_configuration(params["AnalyticsConfiguration"], params["AnalyticsModes"])
        lens = {"ConversationalAnalytics": {"Configuration": configuration}}
        resources.update(contact, {"ContactLens": lens, "_AnalyticsRules": params["AnalyticsConfiguration"]}, caller)
        return contact.id

    def mismatch() -> Exception:
        return IdempotencyException(f"Client token {token} was used with another request")

    backend.client_tokens.once("StartContactConversationalAnalyticsJob", token, request, create, mismatch)


def _lens_configuration(configuration: Mapping[str, Any], modes: list[str]) -> dict[str, Any]:
    """The job's configuration as the Contact's ``ConversationalAnalyticsConfiguration``."""
    out: dict[str, Any] = {"Enabled": True, "ChannelConfiguration": {"AnalyticsModes": list(modes)}}
    locale = (configuration.get("LanguageConfiguration") or {}).get("LanguageLocale")
    if locale:
        out["LanguageLocale"] = locale
    for member in ("RedactionConfiguration", "SentimentConfiguration", "SummaryConfiguration"):
        if configuration.get(member):
            out[member] = dict(configuration[member])
    return out


# -- real-time analysis segments ------------------------------------------------------------------
def realtime_segments(
    resources: Resources, instance: Container, params: Mapping[str, Any]
) -> tuple[str, list[dict[str, Any]], str | None]:
    """ListRealtimeContactAnalysisSegmentsV2: (status, one page of segments, token).

    Chats only.  The segments are the contact's own events (its participants joining and
    leaving), in time order, for ``Event``; a ``Redacted`` output needs redaction."""
    contact = contacts.find(resources, instance, params["ContactId"])
    if contact.attrs["Channel"] != "CHAT":
        raise InvalidRequestException(f"Contact {contact.id} is a {contact.attrs['Channel']} contact: chats only")
    if params["OutputType"] == "Redacted" and not _redaction_on(contact):
        raise ModeledError("OutputTypeNotFoundException", f"Contact {contact.id} has no redacted output")
    status = "COMPLETED" if contacts.ended(contact) else "IN_PROGRESS"
    segments: list[dict[str, Any]] = []
    if "Event" in params["SegmentTypes"]:
        segments = [{"Event": event} for event in _events(contact)]
    page, token = page_list(segments, params.get("NextToken"), params.get("MaxResults") or 100)
    return status, page, token


def _redaction_on(contact: Resource) -> bool:
    configuration = ((contact.attrs.get("ContactLens") or {}).get("ConversationalAnalytics") or {}).get(
        "Configuration"
    ) or {}
    redaction = configuration.get("RedactionConfiguration") or {}
    return redaction.get("Behavior") == "Enable"


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _events(contact: Resource) -> list[dict[str, Any]]:
    life = contacts.life(contact)
    found: list[tuple[dt.datetime, str, str, str]] = []
    started = life.at(contacts.INITIATED)
    if started is not None:
        found.append((started, "CUSTOMER", "customer", "joined"))
    joined = life.at(contacts.CONNECTED_TO_AGENT)
    agent = contact.attrs.get("AgentId")
    if joined is not None and agent:
        found.append((joined, "AGENT", agent, "joined"))
    ended = life.at(contacts.DISCONNECTED)
    if ended is not None:
        found.append((ended, "CUSTOMER", "customer", "left"))
    found.sort(key=lambda e: e[0])
    return [
        {
            "Id": f"{contact.id}-{index}",
            "ParticipantId": participant if role == "AGENT" else f"{contact.id}-customer",
            "ParticipantRole": role,
            "EventType": f"application/vnd.amazonaws.connect.event.participant.{what}",
            "Time": {"AbsoluteTime": moment},
        }
        for index, (moment, role, participant, what) in enumerate(found)
    ]


# -- contact metrics ------------------------------------------------------------------------------
def _ahead_key(contact: Resource) -> tuple[int, dt.datetime, int]:
    enqueued = contacts.life(contact).at(contacts.QUEUED) or contact.created_time
    adjustment = dt.timedelta(seconds=contact.attrs.get("QueueTimeAdjustmentSeconds") or 0)
    return (contact.attrs.get("QueuePriority") or 5, enqueued - adjustment, 0)


def contact_metrics(
    resources: Resources, instance: Container, contact_id: str, names: list[str]
) -> list[dict[str, Any]]:
    """GetContactMetrics: the queued contact's position in its queue and estimated wait (seconds)."""
    contact = contacts.find(resources, instance, contact_id)
    if contacts.state(contact) != contacts.QUEUED:
        raise InvalidRequestException(f"Contact {contact.id} is not in a queue: metrics are for queued contacts")
    queue = contact.attrs["QueueId"]
    mine = _ahead_key(contact)
    store = instance.children(contacts.CONTACT.kind)
    position = 1
    waits: list[float] = []
    for other in store.values():
        if other.attrs.get("QueueId") != queue or other is contact:
            continue
        state = contacts.state(other)
        if state == contacts.QUEUED:
            if (_ahead_key(other)[:2], store.position(other.id)) < (mine[:2], store.position(contact.id)):
                position += 1
        else:
            life = contacts.life(other)
            enqueued, answered = life.at(contacts.QUEUED), life.at(contacts.CONNECTED_TO_AGENT)
            if enqueued is not None and answered is not None and answered >= enqueued:
                waits.append((answered - enqueued).total_seconds())
    mean_wait = sum(waits) / len(waits) if waits else 0.0
    values = {"POSITION_IN_QUEUE": float(position), "ESTIMATED_WAIT_TIME": round(position * mean_wait, 3)}
    return [{"Name": name, "Value": {"Number": values[name]}} for name in dict.fromkeys(names)]
