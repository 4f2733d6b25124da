"""Global Resiliency: traffic distribution groups, their distributions and users, cross-Region
routing and replication findings (the rules are in ``connect/traffic_distribution.py``)."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import render
from .. import traffic_distribution as td
from ..exceptions import InvalidRequestException, ResourceNotFoundException
from ..models import Instance
from .common import once, reused

#: page sizes when MaxResults is not given (ListTrafficDistributionGroups: its most)
GROUPS_PAGE = 10
#: a page of a group's users holds at most 10 of them (the output's list), whatever MaxResults says
USERS_PAGE = 10
FINDINGS_PAGE = 100


def _instance(r: Any, member: str = "InstanceId") -> Instance:
    instance: Instance = r.backend.instance(r.params[member])
    return instance


def create(r: Any) -> dict[str, Any]:
    p = r.params
    instance = _instance(r)
    tdg = once(
        r,
        "CreateTrafficDistributionGroup",
        lambda: td.create(r.caller, instance, p["Name"], p.get("Description"), p.get("Tags")),
        (instance.id, p["Name"], p.get("Description"), p.get("Tags")),
        reused(r, InvalidRequestException, "with different parameters"),
    )
    return {"Id": tdg.id, "Arn": tdg.arn}


def describe(r: Any) -> dict[str, Any]:
    tdg = td.find(r.caller, r.params["TrafficDistributionGroupId"], advance=True)
    return {"TrafficDistributionGroup": render(tdg, "TrafficDistributionGroup", td.tags_of(tdg))}


def delete(r: Any) -> None:
    td.delete(r.caller, r.params["TrafficDistributionGroupId"])


def list_groups(r: Any) -> dict[str, Any]:
    p = r.params
    instance = None
    if "InstanceId" in p:
        try:
            instance = _instance(r)
        except ResourceNotFoundException as error:
            # ListTrafficDistributionGroups models no ResourceNotFoundException
            raise InvalidRequestException(error.message) from None
    keep = td.listed(r.caller, instance)
    page, token = td.page(r.caller, keep, p.get("NextToken"), limit_of(p.get("MaxResults"), GROUPS_PAGE))
    return {
        "TrafficDistributionGroupSummaryList": [
            render(t, "TrafficDistributionGroupSummary", td.tags_of(t)) for t in page
        ],
        "NextToken": token,
    }


def associate_user(r: Any) -> None:
    p = r.params
    td.associate_user(r.caller, p["TrafficDistributionGroupId"], _instance(r), p["UserId"])


def disassociate_user(r: Any) -> None:
    p = r.params
    td.disassociate_user(r.caller, p["TrafficDistributionGroupId"], _instance(r), p["UserId"])


def list_users(r: Any) -> dict[str, Any]:
    p = r.params
    page, token = td.page_users(
        r.caller,
        p["TrafficDistributionGroupId"],
        p.get("NextToken"),
        min(limit_of(p.get("MaxResults"), USERS_PAGE), USERS_PAGE),
    )
    return {"TrafficDistributionGroupUserSummaryList": [{"UserId": u} for u in page], "NextToken": token}


def get_distribution(r: Any) -> dict[str, Any]:
    return td.distribution(r.caller, r.params["Id"])


def update_distribution(r: Any) -> None:
    td.update_distribution(r.caller, r.params["Id"], r.params)


def get_routing(r: Any) -> dict[str, Any]:
    return {"IsolatedRegions": td.isolated_regions(r.caller, _instance(r))}


def update_routing(r: Any) -> None:
    td.update_routing(r.caller, _instance(r), r.params["IsolatedAll"])


def list_findings(r: Any) -> dict[str, Any]:
    p = r.params
    return td.replication_findings(
        r.caller,
        _instance(r),
        p["ResourceType"],
        p.get("NextToken"),
        limit_of(p.get("MaxResults"), FINDINGS_PAGE),
    )


HANDLERS = {
    "create_traffic_distribution_group": create,
    "describe_traffic_distribution_group": describe,
    "delete_traffic_distribution_group": delete,
    "list_traffic_distribution_groups": list_groups,
    "associate_traffic_distribution_group_user": associate_user,
    "disassociate_traffic_distribution_group_user": disassociate_user,
    "list_traffic_distribution_group_users": list_users,
    "get_traffic_distribution": get_distribution,
    "update_traffic_distribution": update_distribution,
    "get_cross_region_routing": get_routing,
    "update_cross_region_routing": update_routing,
    "list_replication_findings": list_findings,
}
