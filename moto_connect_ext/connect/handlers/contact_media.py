"""A contact's media: recording, chat streaming and message processing, analytics, metrics."""

from __future__ import annotations

from typing import Any

from .. import contact_media as media


def _root(r: Any) -> Any:
    return r.backend.resource_root(r.params)


def start_contact_recording(r: Any) -> dict[str, Any]:
    p = r.params
    media.start_recording(
        r.backend.resources, _root(r), p["ContactId"], p["InitialContactId"], p["VoiceRecordingConfiguration"], r.caller
    )
    return {}


def _recording(change: Any) -> Any:
    def handler(r: Any) -> dict[str, Any]:
        p = r.params
        change(
            r.backend.resources,
            _root(r),
            p["ContactId"],
            p["InitialContactId"],
            p.get("ContactRecordingType"),
            r.caller,
        )
        return {}

    return handler


def start_contact_streaming(r: Any) -> dict[str, Any]:
    p = r.params
    streaming_id = media.start_streaming(
        r.backend,
        _root(r),
        p["ContactId"],
        p["ChatStreamingConfiguration"]["StreamingEndpointArn"],
        p["ClientToken"],
        r.caller,
    )
    return {"StreamingId": streaming_id}


def stop_contact_streaming(r: Any) -> dict[str, Any]:
    p = r.params
    media.stop_streaming(r.backend.resources, _root(r), p["ContactId"], p["StreamingId"], r.caller)
    return {}


def start_contact_media_processing(r: Any) -> dict[str, Any]:
    media.start_media_processing(r.backend, r.params, r.caller)
    return {}


def stop_contact_media_processing(r: Any) -> dict[str, Any]:
    media.stop_media_processing(r.backend, r.params, r.caller)
    return {}


def start_contact_conversational_analytics_job(r: Any) -> dict[str, Any]:
    instance = _root(r)
    media.start_analytics_job(r.backend, instance, r.params, r.caller)
    contact = media.contacts.find(r.backend.resources, instance, r.params["ContactId"])
    return {"InstanceId": instance.id, "ContactId": contact.id}


def list_realtime_contact_analysis_segments_v2(r: Any) -> dict[str, Any]:
    status, segments, token = media.realtime_segments(r.backend.resources, _root(r), r.params)
    out: dict[str, Any] = {"Channel": "CHAT", "Status": status, "Segments": segments}
    if token:
        out["NextToken"] = token
    return out


def get_contact_metrics(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.instance(p["InstanceId"].rsplit("/", 1)[-1])
    contact = media.contacts.find(r.backend.resources, instance, p["ContactId"])
    results = media.contact_metrics(r.backend.resources, instance, contact.id, [m["Name"] for m in p["Metrics"]])
    return {"MetricResults": results, "Id": contact.id, "Arn": contact.arn}


HANDLERS = {
    "start_contact_recording": start_contact_recording,
    "stop_contact_recording": _recording(media.stop_recording),
    "suspend_contact_recording": _recording(media.suspend_recording),
    "resume_contact_recording": _recording(media.resume_recording),
    "start_contact_streaming": start_contact_streaming,
    "stop_contact_streaming": stop_contact_streaming,
    "start_contact_media_processing": start_contact_media_processing,
    "stop_contact_media_processing": stop_contact_media_processing,
    "start_contact_conversational_analytics_job": start_contact_conversational_analytics_job,
    "list_realtime_contact_analysis_segments_v2": list_realtime_contact_analysis_segments_v2,
    "get_contact_metrics": get_contact_metrics,
}
