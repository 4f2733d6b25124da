"""Event streams and event triggers of a domain.

An **event stream** (``domains/<domain>/event-streams/<name>``, named by its name, unique in
the domain) sends the domain's profile events to a Kinesis data stream: ``Uri`` is the stream's
ARN, in the domain's account and Region, and the stream must exist in moto's Kinesis.  Its
destination is checked on every read: while the stream exists the destination is ``HEALTHY``
and the event stream ``RUNNING``; once it is gone the destination is ``UNHEALTHY`` (since the
first read that found it gone) and the event stream ``STOPPED``; a stream made again under the
same ARN brings it back.  A domain has at most one event stream (Customer Profiles quotas).

An **event trigger** (``domains/<domain>/event-triggers/<name>``) says when an event of an
object type triggers a destination: ``ObjectTypeName`` names an object type of the domain,
``SegmentFilter`` a segment definition of the domain (both must exist), conditions compare
object attributes (a ``Source`` or a ``FieldName``, not both; ``BETWEEN``/``NOT_BETWEEN``
take two values, ordered, the other comparisons of a number or a date one value), and limits
bound invocations per profile over periods (each period either ``Unlimited`` or with
``MaxInvocationsPerProfile``, units at most once).  A trigger an integration still names cannot be deleted.
A domain has at most 50 event triggers (Customer Profiles quotas).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.resources import Quota, Resource, Resources
from .declarations import CREATED_AT, STAMPS, declare
from .exceptions import BadRequestException

_KINESIS_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):kinesis:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):stream/(?P<name>[a-zA-Z0-9_.-]{1,128})$"
)
#: event streams per domain (Customer Profiles quotas, not adjustable)
EVENT_STREAMS_PER_DOMAIN = 1
#: event triggers per domain (Customer Profiles quotas)
EVENT_TRIGGERS_PER_DOMAIN = 50


# -- event streams ------------------------------------------------------------------------
def _kinesis_stream(uri: str) -> Any:
    match = _KINESIS_ARN.match(uri)
    if match is None:
        return None
    from moto.kinesis.models import kinesis_backends

    try:
        return kinesis_backends[match["account"]][match["region"]].describe_stream(stream_arn=uri, stream_name=None)
    except Exception:
        return None


def _health(stream: Resource) -> dt.datetime | None:
    """None while the Kinesis stream exists; else since when it has been found gone."""
    if _kinesis_stream(stream.attrs["Uri"]) is not None:
        stream.__dict__.pop("_unhealthy_since", None)
        return None
    since: dt.datetime = stream.__dict__.setdefault("_unhealthy_since", now())
    return since


def _destination(stream: Resource, details: bool) -> dict[str, Any]:
    since = _health(stream)
    out: dict[str, Any] = {"Uri": stream.attrs["Uri"], "Status": "HEALTHY" if since is None else "UNHEALTHY"}
    if since is not None:
        out["UnhealthySince"] = since
        if details:
            out["Message"] = f"Kinesis stream {stream.attrs['Uri']} does not exist"
    return out


#: event streams per domain; checked before the stream's Uri, as it always was (create checks it too)
STREAMS_QUOTA = Quota(
    lambda: EVENT_STREAMS_PER_DOMAIN,
    "BadRequestException",
    "Domain {parent} already has the most event streams a domain can have ({limit})",
)

EVENT_STREAM = declare(
    "event-stream",
    "Event stream",
    "domains/{parent}/event-streams/{id}",
    "EventStreamName",
    arn_name="EventStreamArn",
    computed={
        **CREATED_AT,
        "DomainName": lambda s: s.parent.id,
        "State": lambda s: "RUNNING" if _health(s) is None else "STOPPED",
        "StoppedSince": _health,
        "DestinationDetails": lambda s: _destination(s, details=True),
        "DestinationSummary": lambda s: _destination(s, details=False),
    },
    quota=STREAMS_QUOTA,
)


def create_stream(
    resources: Resources, caller: Caller, domain: Resource, name: str, uri: str, tags: dict[str, str] | None
) -> Resource:
    if domain.children(EVENT_STREAM.kind).get(name) is not None:
        raise BadRequestException(f"Event stream {name} already exists in domain {domain.id}")
    STREAMS_QUOTA.enforce(resources, EVENT_STREAM, domain)
    match = _KINESIS_ARN.match(uri)
    if match is None:
        raise BadRequestException(
            f"Uri {uri} is not a Kinesis data stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)"
        )
    if (match["account"], match["region"]) != (caller.account_id, caller.region):
        raise BadRequestException(
            f"The Kinesis data stream {uri} must be in the domain's account and Region "
            f"({caller.account_id}, {caller.region})"
        )
    if _kinesis_stream(uri) is None:
        raise BadRequestException(f"Kinesis data stream {uri} does not exist")
    return resources.create(EVENT_STREAM, domain, {"Uri": uri}, caller, tags, resource_id=name)


# -- event triggers ------------------------------------------------------------------------
_ONE_VALUE = (
    "GREATER_THAN",
    "LESS_THAN",
    "GREATER_THAN_OR_EQUAL",
    "LESS_THAN_OR_EQUAL",
    "EQUAL",
    "BEFORE",
    "AFTER",
    "ON",
)
_NUMERIC = ("GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN_OR_EQUAL")
_DATES = ("BEFORE", "AFTER", "ON")
_RANGES = ("BETWEEN", "NOT_BETWEEN")


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _date(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def _check_attribute(attribute: dict[str, Any], fields: dict[str, Any] | None) -> None:
    source, field_name = attribute.get("Source"), attribute.get("FieldName")
    if bool(source) == bool(field_name):
        raise BadRequestException("Each ObjectAttribute needs either a Source or a FieldName, not both")
    if field_name and fields is not None and field_name not in fields:
        raise BadRequestException(f"FieldName {field_name} is not a field of the object type")
    operator, values = attribute["ComparisonOperator"], attribute["Values"]
    if operator in _ONE_VALUE and len(values) != 1:
        raise BadRequestException(f"ComparisonOperator {operator} takes exactly one value")
    if operator in _NUMERIC and _number(values[0]) is None:
        raise BadRequestException(f"ComparisonOperator {operator} compares numbers: {values[0]} is not one")
    if operator in _DATES and _date(values[0]) is None:
        raise BadRequestException(f"ComparisonOperator {operator} compares dates: {values[0]} is not an ISO 8601 date")
    if operator in _RANGES:
        if len(values) != 2:
            raise BadRequestException(f"ComparisonOperator {operator} takes two values, the start and end of a range")
        bounds: list[Any] = [_number(v) for v in values]
        if None in bounds:
            bounds = [_date(v) for v in values]
        if None in bounds:
            raise BadRequestException(f"ComparisonOperator {operator} takes two numbers or two dates")
        if bounds[0] > bounds[1]:
            raise BadRequestException(f"ComparisonOperator {operator}: the range starts after it ends")


def _check_limits(limits: dict[str, Any]) -> None:
    expiration = limits.get("EventExpiration")
    if expiration is not None and expiration <= 0:
        raise BadRequestException("EventTriggerLimits.EventExpiration must be a positive number of milliseconds")
    units = [p["Unit"] for p in limits.get("Periods") or []]
    if len(set(units)) != len(units):
        raise BadRequestException("EventTriggerLimits.Periods can name each Unit only once")
    for period in limits.get("Periods") or []:
        unlimited, most = period.get("Unlimited"), period.get("MaxInvocationsPerProfile")
        if unlimited and most is not None:
            raise BadRequestException("A period is either Unlimited or has MaxInvocationsPerProfile, not both")
        if not unlimited and most is None:
            raise BadRequestException("A period needs MaxInvocationsPerProfile unless it is Unlimited")


def _named(domain: Resource, kind: str, name: str, member: str) -> Resource | None:
    found = domain.children(kind).get(name)
    if found is None:
        found = next((r for r in domain.children(kind).values() if r.attrs.get(member) == name), None)
    return found


def check_trigger(domain: Resource, attrs: dict[str, Any]) -> None:
    """The trigger's references (its object type, its segment filter) and rules."""
    type_name = attrs["ObjectTypeName"]
    object_type = _named(domain, "object-type", type_name, "ObjectTypeName")
    if object_type is None:
        raise BadRequestException(f"Object type {type_name} does not exist in domain {domain.id}")
    fields = object_type.attrs.get("Fields") if isinstance(object_type.attrs.get("Fields"), dict) else None
    segment = attrs.get("SegmentFilter")
    if segment and _named(domain, "segment-definition", segment, "SegmentDefinitionName") is None:
        raise BadRequestException(f"Segment definition {segment} does not exist in domain {domain.id}")
    for condition in attrs["EventTriggerConditions"]:
        for dimension in condition["EventTriggerDimensions"]:
            for attribute in dimension["ObjectAttributes"]:
                _check_attribute(attribute, fields)
    if attrs.get("EventTriggerLimits"):
        _check_limits(attrs["EventTriggerLimits"])


#: event triggers per domain; checked before the trigger's own rules, as it always was (create checks it too)
TRIGGERS_QUOTA = Quota(
    lambda: EVENT_TRIGGERS_PER_DOMAIN, "BadRequestException", "A domain can have at most {limit} event triggers"
)

EVENT_TRIGGER = declare(
    "event-trigger",
    "Event trigger",
    "domains/{parent}/event-triggers/{id}",
    "EventTriggerName",
    computed=STAMPS,
    quota=TRIGGERS_QUOTA,
)

#: what a trigger keeps (the members of CreateEventTrigger that describe it)
TRIGGER_MEMBERS = ("ObjectTypeName", "Description", "EventTriggerConditions", "SegmentFilter", "EventTriggerLimits")


def create_trigger(
    resources: Resources,
    caller: Caller,
    domain: Resource,
    name: str,
    attrs: dict[str, Any],
    tags: dict[str, str] | None,
) -> Resource:
    if domain.children(EVENT_TRIGGER.kind).get(name) is not None:
        raise BadRequestException(f"Event trigger {name} already exists in domain {domain.id}")
    TRIGGERS_QUOTA.enforce(resources, EVENT_TRIGGER, domain)
    check_trigger(domain, attrs)
    return resources.create(EVENT_TRIGGER, domain, attrs, caller, tags, resource_id=name)


def update_trigger(resources: Resources, caller: Caller, trigger: Resource, changes: dict[str, Any]) -> Resource:
    check_trigger(trigger.parent, {**trigger.attrs, **changes})  # type: ignore[arg-type]
    return resources.update(trigger, changes, caller)


def delete_trigger(resources: Resources, trigger: Resource) -> None:
    """Refused while an integration of the domain names the trigger."""
    domain = trigger.parent
    for integration in domain.children("integration").values():
        if trigger.id in (integration.attrs.get("EventTriggerNames") or ()):
            raise BadRequestException(
                f"Event trigger {trigger.id} is used by integration {integration.id}; "
                "remove it from the integration first"
            )
    resources.delete(trigger)
