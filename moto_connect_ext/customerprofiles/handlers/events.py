"""Event streams and event triggers: create, get, update (triggers), delete and list."""

from __future__ import annotations

from typing import Any

from ...core.resources import operations, resource_of
from .. import events
from ..events import EVENT_STREAM, EVENT_TRIGGER, TRIGGER_MEMBERS
from .common import ROOT, shown


# -- event streams -------------------------------------------------------------------------
def create_event_stream(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    stream = events.create_stream(
        backend.resources, r.caller, backend.resource_root(p), p["EventStreamName"], p["Uri"], p.get("Tags")
    )
    return shown(r, stream, "CreateEventStreamResponse")


def get_event_stream(r: Any) -> dict[str, Any]:
    return shown(r, resource_of(EVENT_STREAM, r), "GetEventStreamResponse")


# -- event triggers ------------------------------------------------------------------------
def create_event_trigger(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    attrs = {k: p[k] for k in TRIGGER_MEMBERS if k in p}
    trigger = events.create_trigger(
        backend.resources, r.caller, backend.resource_root(p), p["EventTriggerName"], attrs, p.get("Tags")
    )
    return shown(r, trigger, "CreateEventTriggerResponse")


def update_event_trigger(r: Any) -> dict[str, Any]:
    p = r.params
    changes = {k: p[k] for k in TRIGGER_MEMBERS if k in p}
    trigger = events.update_trigger(r.backend.resources, r.caller, resource_of(EVENT_TRIGGER, r), changes)
    return shown(r, trigger, "UpdateEventTriggerResponse")


def delete_event_trigger(r: Any) -> dict[str, Any]:
    trigger = resource_of(EVENT_TRIGGER, r)
    events.delete_trigger(r.backend.resources, trigger)
    return {"Message": f"Event trigger {trigger.id} was deleted."}


HANDLERS = {
    "create_event_stream": create_event_stream,
    "get_event_stream": get_event_stream,
    "create_event_trigger": create_event_trigger,
    "update_event_trigger": update_event_trigger,
    "delete_event_trigger": delete_event_trigger,
    **operations(EVENT_STREAM, ROOT, delete="DeleteEventStream", list_="ListEventStreams"),
    **operations(EVENT_TRIGGER, ROOT, describe="GetEventTrigger", list_="ListEventTriggers"),
}
