"""Event streams and event triggers: create, get, update (triggers), delete and list."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import render, resource_of
from .. import events
from ..events import EVENT_STREAM, EVENT_TRIGGER, TRIGGER_MEMBERS


def _list(r: Any, rtype: Any, shape: str) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    domain = r.backend.resource_root(p)
    page, token = resources.page(rtype, domain, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Items": [render(x, shape, resources.tags) for x in page], "NextToken": token}


# -- event streams -------------------------------------------------------------------------
def create_event_stream(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    stream = events.create_stream(
        backend.resources, r.caller, backend.resource_root(p), p["EventStreamName"], p["Uri"], p.get("Tags")
    )
    return render(stream, "CreateEventStreamResponse", backend.resources.tags)


def get_event_stream(r: Any) -> dict[str, Any]:
    return render(resource_of(EVENT_STREAM, r), "GetEventStreamResponse", r.backend.resources.tags)


def delete_event_stream(r: Any) -> dict[str, Any]:
    r.backend.resources.delete(resource_of(EVENT_STREAM, r))
    return {}


def list_event_streams(r: Any) -> dict[str, Any]:
    return _list(r, EVENT_STREAM, "EventStreamSummary")


# -- event triggers ------------------------------------------------------------------------
def create_event_trigger(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    attrs = {k: p[k] for k in TRIGGER_MEMBERS if k in p}
    trigger = events.create_trigger(
        backend.resources, r.caller, backend.resource_root(p), p["EventTriggerName"], attrs, p.get("Tags")
    )
    return render(trigger, "CreateEventTriggerResponse", backend.resources.tags)


def get_event_trigger(r: Any) -> dict[str, Any]:
    return render(resource_of(EVENT_TRIGGER, r), "GetEventTriggerResponse", r.backend.resources.tags)


def update_event_trigger(r: Any) -> dict[str, Any]:
    p = r.params
    changes = {k: p[k] for k in TRIGGER_MEMBERS if k in p}
    trigger = events.update_trigger(r.backend.resources, r.caller, resource_of(EVENT_TRIGGER, r), changes)
    return render(trigger, "UpdateEventTriggerResponse", r.backend.resources.tags)


def delete_event_trigger(r: Any) -> dict[str, Any]:
    trigger = resource_of(EVENT_TRIGGER, r)
    events.delete_trigger(r.backend.resources, trigger)
    return {"Message": f"Event trigger {trigger.id} was deleted."}


def list_event_triggers(r: Any) -> dict[str, Any]:
    return _list(r, EVENT_TRIGGER, "EventTriggerSummaryItem")


HANDLERS = {
    "create_event_stream": create_event_stream,
    "get_event_stream": get_event_stream,
    "delete_event_stream": delete_event_stream,
    "list_event_streams": list_event_streams,
    "create_event_trigger": create_event_trigger,
    "get_event_trigger": get_event_trigger,
    "update_event_trigger": update_event_trigger,
    "delete_event_trigger": delete_event_trigger,
    "list_event_triggers": list_event_triggers,
}
