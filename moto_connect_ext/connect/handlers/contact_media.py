"""A contact's media: recording, chat streaming and message processing, analytics, metrics."""

from __future__ import annotations

from typing import Any

from .. import contact_media as media
from .common import action, root, with_next

#: what stopping, suspending and resuming a recording name
RECORDING = ("ContactId", "InitialContactId", "ContactRecordingType")


def start_contact_streaming(r: Any) -> dict[str, Any]:
    p = r.params
    streaming_id = media.start_streaming(
        r.backend,
        root(r),
        p["ContactId"],
        p["ChatStreamingConfiguration"]["StreamingEndpointArn"],
        p["ClientToken"],
        r.caller,
    )
    return {"StreamingId": streaming_id}


def start_contact_media_processing(r: Any) -> dict[str, Any]:
    media.start_media_processing(r.backend, r.params, r.caller)
    return {}


def stop_contact_media_processing(r: Any) -> dict[str, Any]:
    media.stop_media_processing(r.backend, r.params, r.caller)
    return {}


def start_contact_conversational_analytics_job(r: Any) -> dict[str, Any]:
    instance = root(r)
    media.start_analytics_job(r.backend, instance, r.params, r.caller)
    contact = media.contacts.find(r.backend.resources, instance, r.params["ContactId"])
    return {"InstanceId": instance.id, "ContactId": contact.id}


def list_realtime_contact_analysis_segments_v2(r: Any) -> dict[str, Any]:
    status, segments, token = media.realtime_segments(r.backend.resources, root(r), r.params)
    return with_next(token, Channel="CHAT", Status=status, Segments=segments)


def get_contact_metrics(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.instance(p["InstanceId"].rsplit("/", 1)[-1])
    contact = media.contacts.find(r.backend.resources, instance, p["ContactId"])
    results = media.contact_metrics(r.backend.resources, instance, contact.id, [m["Name"] for m in p["Metrics"]])
    return {"MetricResults": results, "Id": contact.id, "Arn": contact.arn}


HANDLERS = {
    "start_contact_recording": action(
        media.start_recording, "ContactId", "InitialContactId", "VoiceRecordingConfiguration"
    ),
    "stop_contact_recording": action(media.stop_recording, *RECORDING),
    "suspend_contact_recording": action(media.suspend_recording, *RECORDING),
    "resume_contact_recording": action(media.resume_recording, *RECORDING),
    "start_contact_streaming": start_contact_streaming,
    "stop_contact_streaming": action(media.stop_streaming, "ContactId", "StreamingId"),
    "start_contact_media_processing": start_contact_media_processing,
    "stop_contact_media_processing": stop_contact_media_processing,
    "start_contact_conversational_analytics_job": start_contact_conversational_analytics_job,
    "list_realtime_contact_analysis_segments_v2": list_realtime_contact_analysis_segments_v2,
    "get_contact_metrics": get_contact_metrics,
}
