"""Valid requests for segments: a segment definition of the seed domain over a profile attribute,
an S3 bucket of moto's for snapshots, a Kinesis stream of moto's associated with the domain for
subscriptions."""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from tests.conformance.seeds import World, happy

ROLE = "arn:aws:iam::123456789012:role/happy-segments"
_GROUPS = {
    "Groups": [{"Dimensions": [{"ProfileAttributes": {"FirstName": {"DimensionType": "INCLUSIVE", "Values": ["A"]}}}]}],
    "Include": "ALL",
}


def _name() -> str:
    return f"happy-{uuid.uuid4().hex[:8]}"


def _segment(world: World, domain: str) -> str:
    name = _name()
    world.client().create_segment_definition(
        DomainName=domain, SegmentDefinitionName=name, DisplayName=name, SegmentGroups=_GROUPS
    )
    return name


def _bucket(world: World) -> str:
    name = _name()
    world.client("s3").create_bucket(Bucket=name)
    return name


def _stream(world: World, domain: str) -> None:
    """The domain's stream for segments (a new Kinesis stream when it has none running)."""
    client = world.client()
    try:
        if client.get_stream_for_segments(DomainName=domain)["State"] != "STOPPED":
            return
    except client.exceptions.ResourceNotFoundException:
        pass
    kinesis = world.client("kinesis")
    name = _name()
    kinesis.create_stream(StreamName=name, ShardCount=1)
    arn = kinesis.describe_stream(StreamName=name)["StreamDescription"]["StreamARN"]
    client.associate_stream_for_segments(DomainName=domain, DestinationArn=arn, DestinationRoleArn=ROLE)


@happy("customer-profiles", "CreateSegmentDefinition")
def _create_segment_definition(world: World, request: dict[str, Any]) -> dict[str, Any]:
    name = _name()
    return {
        "DomainName": world.first("DomainName"),
        "SegmentDefinitionName": name,
        "DisplayName": name,
        "SegmentGroups": _GROUPS,
    }


@happy("customer-profiles", "GetSegmentDefinition", "DeleteSegmentDefinition", "ListSegmentSubscriptionEvents")
def _a_segment(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    return {**request, "DomainName": domain, "SegmentDefinitionName": _segment(world, domain)}


@happy("customer-profiles", "GetSegmentMembership")
def _membership(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    return {"DomainName": domain, "SegmentDefinitionName": _segment(world, domain), "ProfileIds": ["a" * 32]}


@happy("customer-profiles", "CreateSegmentEstimate")
def _create_estimate(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {"DomainName": world.first("DomainName"), "SegmentQuery": _GROUPS}


@happy("customer-profiles", "GetSegmentEstimate")
def _estimate(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    estimate = world.client().create_segment_estimate(DomainName=domain, SegmentQuery=_GROUPS)
    return {"DomainName": domain, "EstimateId": estimate["EstimateId"]}


@happy("customer-profiles", "CreateSegmentSnapshot")
def _create_snapshot(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    return {
        "DomainName": domain,
        "SegmentDefinitionName": _segment(world, domain),
        "DataFormat": "CSV",
        "DestinationUri": f"s3://{_bucket(world)}/exports",
        "RoleArn": ROLE,
    }


@happy("customer-profiles", "GetSegmentSnapshot")
def _snapshot(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    segment = _segment(world, domain)
    snapshot = world.client().create_segment_snapshot(
        DomainName=domain, SegmentDefinitionName=segment, DataFormat="JSONL", DestinationUri=f"s3://{_bucket(world)}"
    )
    return {"DomainName": domain, "SegmentDefinitionName": segment, "SnapshotId": snapshot["SnapshotId"]}


@happy("customer-profiles", "PutSegmentSubscription")
def _put_subscription(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    _stream(world, domain)
    return {
        "DomainName": domain,
        "SegmentDefinitionName": _segment(world, domain),
        "ScheduleConfiguration": {"Interval": 12},
    }


@happy("customer-profiles", "GetSegmentSubscription", "DeleteSegmentSubscription")
def _subscription(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    _stream(world, domain)
    segment = _segment(world, domain)
    world.client().put_segment_subscription(DomainName=domain, SegmentDefinitionName=segment)
    return {"DomainName": domain, "SegmentDefinitionName": segment}


@happy("customer-profiles", "AssociateStreamForSegments")
def _associate_stream(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    client = world.client()
    with contextlib.suppress(client.exceptions.ResourceNotFoundException):
        client.disassociate_stream_for_segments(DomainName=domain)
    kinesis = world.client("kinesis")
    name = _name()
    kinesis.create_stream(StreamName=name, ShardCount=1)
    arn = kinesis.describe_stream(StreamName=name)["StreamDescription"]["StreamARN"]
    return {"DomainName": domain, "DestinationArn": arn, "DestinationRoleArn": ROLE}


@happy("customer-profiles", "DisassociateStreamForSegments", "GetStreamForSegments")
def _a_stream(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = world.first("DomainName")
    _stream(world, domain)
    return {"DomainName": domain}
