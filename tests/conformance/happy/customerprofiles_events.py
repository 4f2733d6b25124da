"""Valid requests for event streams and event triggers: a Kinesis stream of moto's for an event
stream, an object type of the seed domain for an event trigger."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy


# -- event streams -------------------------------------------------------------------------
def _kinesis_stream(world: World) -> str:
    kinesis = world.client("kinesis")
    name = f"happy-{uuid.uuid4().hex[:8]}"
    kinesis.create_stream(StreamName=name, ShardCount=1)
    return str(kinesis.describe_stream(StreamName=name)["StreamDescription"]["StreamARN"])


@happy("customer-profiles", "CreateEventStream")
def _create_event_stream(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "EventStreamName": f"happy-{uuid.uuid4().hex[:8]}", "Uri": _kinesis_stream(world)}


@happy("customer-profiles", "GetEventStream", "DeleteEventStream")
def _event_stream(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    name = f"happy-{uuid.uuid4().hex[:8]}"
    world.client().create_event_stream(DomainName=domain, EventStreamName=name, Uri=_kinesis_stream(world))
    return {**request, "DomainName": domain, "EventStreamName": name}


# -- event triggers ------------------------------------------------------------------------
_CONDITIONS = [
    {
        "EventTriggerDimensions": [
            {"ObjectAttributes": [{"FieldName": "id", "ComparisonOperator": "INCLUSIVE", "Values": ["happy"]}]}
        ],
        "LogicalOperator": "ANY",
    }
]


def _object_type(world: World, domain: str) -> str:
    name = f"happy_{uuid.uuid4().hex[:8]}"
    world.client().put_profile_object_type(
        DomainName=domain,
        ObjectTypeName=name,
        Description=name,
        Fields={"id": {"Source": "_source.id", "Target": "_profile.AccountNumber", "ContentType": "STRING"}},
        Keys={"id": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["id"]}]},
    )
    return name


@happy("customer-profiles", "CreateEventTrigger")
def _create_event_trigger(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {
        **request,
        "EventTriggerName": f"happy-{uuid.uuid4().hex[:8]}",
        "ObjectTypeName": _object_type(world, request["DomainName"]),
        "EventTriggerConditions": _CONDITIONS,
    }


@happy("customer-profiles", "GetEventTrigger", "UpdateEventTrigger", "DeleteEventTrigger")
def _event_trigger(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    name = f"happy-{uuid.uuid4().hex[:8]}"
    world.client().create_event_trigger(
        DomainName=domain,
        EventTriggerName=name,
        ObjectTypeName=_object_type(world, domain),
        EventTriggerConditions=_CONDITIONS,
    )
    return {**request, "DomainName": domain, "EventTriggerName": name}
