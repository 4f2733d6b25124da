"""Segments: definitions, estimates, membership, snapshots, subscriptions and the stream for
segments (the rules are in ``customerprofiles/segments.py``)."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from .. import segments as seg
from .common import PAGE_SIZE, listed, shown


def _domain(r: Any) -> Any:
    """The request's domain, with the membership changes of its subscribed segments recorded."""
    domain = r.backend.resource_root(r.params)
    seg.sync_domain(r.backend, domain)
    return domain


def _segment(r: Any, domain: Any) -> Any:
    return seg.segment_of(r.backend, domain, r.params["SegmentDefinitionName"])


def create_segment_definition(r: Any) -> dict[str, Any]:
    segment = seg.create_definition(r.backend, r.caller, _domain(r), r.params)
    return shown(r, segment, "CreateSegmentDefinitionResponse")


def get_segment_definition(r: Any) -> dict[str, Any]:
    return shown(r, _segment(r, _domain(r)), "GetSegmentDefinitionResponse")


def delete_segment_definition(r: Any) -> dict[str, Any]:
    name = r.params["SegmentDefinitionName"]
    seg.delete_definition(r.backend, _domain(r), name)
    return {"Message": f"Segment definition {name} was deleted."}


def list_segment_definitions(r: Any) -> dict[str, Any]:
    return listed(r, seg.SEGMENT, "SegmentDefinitionItem", parent=_domain(r))


def create_segment_estimate(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    estimate = seg.create_estimate(r.backend, domain, r.params)
    return {"DomainName": domain.id, "EstimateId": estimate.id, "StatusCode": 201}


def get_segment_estimate(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    estimate, status = seg.get_estimate(domain, r.params["EstimateId"])
    out: dict[str, Any] = {"DomainName": domain.id, "EstimateId": estimate.id, "Status": status}
    if status == "SUCCEEDED":
        out.update(Estimate=str(estimate.count), StatusCode=200)
    else:
        out["StatusCode"] = 202
    return out


def get_segment_membership(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    return seg.membership(r.backend, domain, _segment(r, domain), r.params["ProfileIds"])


def create_segment_snapshot(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    snapshot = seg.create_snapshot(r.backend, r.caller, domain, _segment(r, domain), r.params)
    return {"SnapshotId": snapshot.id}


def get_segment_snapshot(r: Any) -> dict[str, Any]:
    snapshot, status = seg.get_snapshot(_segment(r, _domain(r)), r.params["SnapshotId"])
    out = {"SnapshotId": snapshot.id, "Status": status, **snapshot.request}
    if snapshot.message and status != "IN_PROGRESS":
        out["StatusMessage"] = snapshot.message
    return out


def put_segment_subscription(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    segment = _segment(r, domain)
    subscription = seg.put_subscription(r.backend, domain, segment, r.params.get("ScheduleConfiguration"))
    status, _ = subscription.shown(domain, advance=False)
    return {"Status": status, "ScheduleConfiguration": subscription.schedule, "StartedAt": subscription.started_at}


def get_segment_subscription(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    segment = _segment(r, domain)
    subscription = seg.subscription_of(segment)
    if subscription is None:
        raise seg.ResourceNotFoundException(f"Segment definition {segment.id} has no subscription")
    status, message = subscription.shown(domain)
    out = {
        "Status": status,
        "ScheduleConfiguration": subscription.schedule,
        "ScheduledExecutions": seg.scheduled_executions(subscription),
        "StartedAt": subscription.started_at,
        "LastUpdatedAt": subscription.updated_at,
    }
    if message:
        out["Message"] = message
    return out


def delete_segment_subscription(r: Any) -> dict[str, Any]:
    segment = _segment(r, _domain(r))
    seg.delete_subscription(segment)
    return {"Message": f"The subscription of segment definition {segment.id} was deleted."}


def list_segment_subscription_events(r: Any) -> dict[str, Any]:
    p = r.params
    segment = _segment(r, _domain(r))
    events, token = seg.list_events(segment, p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE))
    return {"Events": events, "NextToken": token}


def associate_stream_for_segments(r: Any) -> dict[str, Any]:
    p = r.params
    seg.associate_stream(_domain(r), p["DestinationArn"], p["DestinationRoleArn"])
    return {}


def disassociate_stream_for_segments(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    stream = seg.disassociate_stream(domain)
    return {"Message": f"Stream {stream.destination} was disassociated from domain {domain.id}."}


def get_stream_for_segments(r: Any) -> dict[str, Any]:
    return seg.stream_view(_domain(r))


HANDLERS = {
    "create_segment_definition": create_segment_definition,
    "get_segment_definition": get_segment_definition,
    "delete_segment_definition": delete_segment_definition,
    "list_segment_definitions": list_segment_definitions,
    "create_segment_estimate": create_segment_estimate,
    "get_segment_estimate": get_segment_estimate,
    "get_segment_membership": get_segment_membership,
    "create_segment_snapshot": create_segment_snapshot,
    "get_segment_snapshot": get_segment_snapshot,
    "put_segment_subscription": put_segment_subscription,
    "get_segment_subscription": get_segment_subscription,
    "delete_segment_subscription": delete_segment_subscription,
    "list_segment_subscription_events": list_segment_subscription_events,
    "associate_stream_for_segments": associate_stream_for_segments,
    "disassociate_stream_for_segments": disassociate_stream_for_segments,
    "get_stream_for_segments": get_stream_for_segments,
}
