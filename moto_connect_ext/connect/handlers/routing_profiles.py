"""Routing profiles: the layer's standard operations and the queue-config operations."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

from ...core.pagination import decode_token, encode_token, limit_of
from ...core.resources import Resource, Resources, operations, parent_of, render, resource_of
from .. import routing_profiles as rp
from ..exceptions import InvalidParameterException
from ..routing_profiles import ROUTING_PROFILE
from ..search_criteria import string_matcher
from .common import ROOT, searcher

#: members DescribeRoutingProfile leaves out ("does not populate AssociatedQueueIds")
NOT_DESCRIBED = ("AssociatedQueueIds", "AssociatedManualAssignmentQueueIds")
#: members SearchRoutingProfiles leaves out, as its documentation says
NOT_SEARCHED = ("LastModifiedRegion", "LastModifiedTime", "AgentAvailabilityTimer")
#: the search field that matches any of a profile's queues
QUEUE_FIELD = "associatedQueueIds"
_QUEUE_CONDITION = "AssociatedQueueIdsCondition"


def _create(r: Any) -> dict[str, Any]:
    p = r.params
    attrs = {
        "Name": p["Name"],
        "Description": p["Description"],
        "DefaultOutboundQueueId": p["DefaultOutboundQueueId"],
        "MediaConcurrencies": rp.media_concurrencies(p["MediaConcurrencies"]),
        **rp.initial_queues(p.get("QueueConfigs"), p.get("ManualAssignmentQueueConfigs")),
    }
    if "AgentAvailabilityTimer" in p:
        attrs["AgentAvailabilityTimer"] = p["AgentAvailabilityTimer"]
    resources: Resources = r.backend.resources
    profile = resources.create(ROUTING_PROFILE, parent_of(ROUTING_PROFILE, r), attrs, r.caller, p.get("Tags"))
    return {"RoutingProfileArn": profile.arn, "RoutingProfileId": profile.id}


def _describe(r: Any) -> dict[str, Any]:
    out = render(resource_of(ROUTING_PROFILE, r), "RoutingProfile", r.backend.tags)
    for member in NOT_DESCRIBED:
        out.pop(member, None)
    return {"RoutingProfile": out}


def _change(r: Any, changes: Mapping[str, Any]) -> None:
    r.backend.resources.update(resource_of(ROUTING_PROFILE, r), changes, r.caller)


def _update_name(r: Any) -> None:
    changes = {k: r.params[k] for k in ("Name", "Description") if k in r.params}
    if not changes:
        raise InvalidParameterException("Name or Description is required")
    _change(r, changes)


def _update_concurrency(r: Any) -> None:
    _change(r, {"MediaConcurrencies": rp.media_concurrencies(r.params["MediaConcurrencies"])})


def _update_queues(r: Any) -> None:
    profile = resource_of(ROUTING_PROFILE, r)
    r.backend.resources.update(profile, rp.update_queues(profile.attrs, r.params["QueueConfigs"]), r.caller)


def _associate(r: Any) -> None:
    profile = resource_of(ROUTING_PROFILE, r)
    changes = rp.associate(profile.attrs, r.params.get("QueueConfigs"), r.params.get("ManualAssignmentQueueConfigs"))
    r.backend.resources.update(profile, changes, r.caller)


def _disassociate(r: Any) -> None:
    profile = resource_of(ROUTING_PROFILE, r)
    changes = rp.disassociate(
        profile.attrs, r.params.get("QueueReferences"), r.params.get("ManualAssignmentQueueReferences")
    )
    r.backend.resources.update(profile, changes, r.caller)


# -- queue listings --------------------------------------------------------------------
def _queue_pages(r: Any, member: str, list_member: str, fields: tuple[str, ...], token_kind: str) -> dict[str, Any]:
    """One page of a profile's queue configs, in association order, stable while pairs come and go."""
    profile = resource_of(ROUTING_PROFILE, r)
    entries = sorted(profile.attrs[member], key=lambda e: e["Seq"])
    token = r.params.get("NextToken")
    if token:
        after = decode_token(token, token_kind)
        entries = [e for e in entries if e["Seq"] > after]
    limit = limit_of(r.params.get("MaxResults"), 100)
    page, rest = entries[:limit], entries[limit:]
    queues = profile.parent.children("queue")
    summaries = []
    for entry in page:
        queue = queues[entry["QueueId"]]
        summaries.append(
            {"QueueId": queue.id, "QueueArn": queue.arn, "QueueName": queue.name, **{f: entry[f] for f in fields}}
        )
    return {
        list_member: summaries,
        "NextToken": encode_token(token_kind, page[-1]["Seq"]) if rest else None,
        "LastModifiedTime": profile.last_modified_time,
        "LastModifiedRegion": profile.last_modified_region,
    }


def _list_queues(r: Any) -> dict[str, Any]:
    return _queue_pages(
        r, rp.AUTOMATIC, "RoutingProfileQueueConfigSummaryList", ("Priority", "Delay", "Channel"), "rpq"
    )


def _list_manual_queues(r: Any) -> dict[str, Any]:
    return _queue_pages(r, rp.MANUAL, "RoutingProfileManualAssignmentQueueConfigSummaryList", ("Channel",), "rpmq")


# -- search ----------------------------------------------------------------------------
def _queue_criteria(criteria: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The criteria with every ``associatedQueueIds`` string condition turned into a condition of its own.

    The field holds a list: the condition holds when it holds for any of the queues."""
    if not criteria:
        return criteria
    out = dict(criteria)
    condition = out.get("StringCondition")
    if condition is not None and str(condition.get("FieldName", "")).lower() == QUEUE_FIELD.lower():
        out[_QUEUE_CONDITION] = out.pop("StringCondition")
    for member in ("AndConditions", "OrConditions"):
        if out.get(member):
            out[member] = [_queue_criteria(c) for c in out[member]]
    return out


def _any_queue(condition: Mapping[str, Any]) -> Callable[[Resource], bool]:
    match = string_matcher(condition, {QUEUE_FIELD: lambda queue_id: queue_id})
    return lambda profile: any(match(q) for q in rp.associated_queue_ids(profile))


#: associatedQueueIds is answered by its own condition; named among the fields so messages list it
_searcher = searcher({QUEUE_FIELD: lambda _profile: None}, {_QUEUE_CONDITION: _any_queue})


def _search_filter(r: Any) -> Callable[[Resource], bool]:
    criteria = _queue_criteria(r.params.get("SearchCriteria"))
    return _searcher(SimpleNamespace(params={**r.params, "SearchCriteria": criteria}, backend=r.backend))


def _searched(profile: Resource, r: Any) -> dict[str, Any]:
    out = render(profile, "RoutingProfile", r.backend.tags)
    for member in NOT_SEARCHED:
        out.pop(member, None)
    out["MediaConcurrencies"] = [
        {k: v for k, v in m.items() if k != "CrossChannelBehavior"} for m in out["MediaConcurrencies"]
    ]
    return out


def _search(r: Any) -> dict[str, Any]:
    resources: Resources = r.backend.resources
    parent = parent_of(ROUTING_PROFILE, r)
    keep = _search_filter(r)
    page, token, total = resources.search_page(
        ROUTING_PROFILE, parent, r.params.get("NextToken"), limit_of(r.params.get("MaxResults"), 100), keep
    )
    return {
        "RoutingProfiles": [_searched(p, r) for p in page],
        "NextToken": token,
        "ApproximateTotalCount": total,
    }


HANDLERS = {
    **operations(
        ROUTING_PROFILE,
        ROOT,
        list_="ListRoutingProfiles",
        delete="DeleteRoutingProfile",
        updates={
            "UpdateRoutingProfileDefaultOutboundQueue": ("DefaultOutboundQueueId",),
            "UpdateRoutingProfileAgentAvailabilityTimer": ("AgentAvailabilityTimer",),
        },
    ),
    "create_routing_profile": _create,
    "describe_routing_profile": _describe,
    "search_routing_profiles": _search,
    "update_routing_profile_name": _update_name,
    "update_routing_profile_concurrency": _update_concurrency,
    "update_routing_profile_queues": _update_queues,
    "associate_routing_profile_queues": _associate,
    "disassociate_routing_profile_queues": _disassociate,
    "list_routing_profile_queues": _list_queues,
    "list_routing_profile_manual_assignment_queues": _list_manual_queues,
}
