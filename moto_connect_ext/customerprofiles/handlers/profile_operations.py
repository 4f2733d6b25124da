"""Profiles: create, update, delete, keys, search, batch get, merge, attribute values, history."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import render
from .. import profile_operations as ops
from ..profiles import PROFILE

#: SearchProfiles' page when MaxResults is not given (the API Reference's default)
SEARCH_PAGE = 20
HISTORY_PAGE = 100


def _domain(r: Any) -> Any:
    return r.backend.resource_root(r.params)


def create_profile(r: Any) -> dict[str, Any]:
    profile = ops.create(r.backend.resources, _domain(r), r.caller, r.params)
    return {"ProfileId": profile.id}


def update_profile(r: Any) -> dict[str, Any]:
    profile = ops.update(r.backend.resources, _domain(r), r.caller, r.params)
    return {"ProfileId": profile.id}


def delete_profile(r: Any) -> dict[str, Any]:
    ops.delete(r.backend.resources, _domain(r), r.caller, r.params["ProfileId"])
    return {"Message": f"Profile {r.params['ProfileId']} was deleted."}


def add_profile_key(r: Any) -> dict[str, Any]:
    p = r.params
    values = ops.add_key(r.backend.resources, _domain(r), r.caller, p["ProfileId"], p["KeyName"], p["Values"])
    return {"KeyName": p["KeyName"], "Values": values}


def delete_profile_key(r: Any) -> dict[str, Any]:
    p = r.params
    ops.delete_key(r.backend.resources, _domain(r), r.caller, p["ProfileId"], p["KeyName"], p["Values"])
    return {"Message": f"The key {p['KeyName']} was removed from profile {p['ProfileId']}."}


def search_profiles(r: Any) -> dict[str, Any]:
    p = r.params
    domain = _domain(r)
    resources = r.backend.resources
    criteria = ops.search_criteria(p)
    found = ops.search(domain, criteria, p.get("LogicalOperator") or "OR")
    page, token = resources.page(
        PROFILE, domain, p.get("NextToken"), limit_of(p.get("MaxResults"), SEARCH_PAGE), lambda pr: pr.id in found
    )
    items = [{**render(pr, "Profile", resources.tags), "FoundByItems": found[pr.id]} for pr in page]
    return {"Items": items, **({"NextToken": token} if token else {})}


def batch_get_profile(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    resources = r.backend.resources
    shown, errors = [], []
    for profile_id in dict.fromkeys(r.params["ProfileIds"]):
        profile = resources.find(PROFILE, domain, profile_id)
        if profile is None:
            message = f"Profile {profile_id} does not exist"
            errors.append({"Code": "ResourceNotFoundException", "Message": message, "ProfileId": profile_id})
        else:
            shown.append(render(profile, "Profile", resources.tags))
    return {"Profiles": shown, "Errors": errors}


def merge_profiles(r: Any) -> dict[str, Any]:
    p = r.params
    ops.merge(
        r.backend.resources,
        _domain(r),
        r.caller,
        p["MainProfileId"],
        p["ProfileIdsToBeMerged"],
        p.get("FieldSourceProfileIds"),
    )
    return {"Message": f"Profiles were merged into profile {p['MainProfileId']}."}


def list_profile_attribute_values(r: Any) -> dict[str, Any]:
    p = r.params
    values = ops.attribute_values(r.backend.resources, _domain(r), p["AttributeName"])
    return {
        "DomainName": p["DomainName"],
        "AttributeName": p["AttributeName"],
        "Items": [{"Value": v} for v in values],
        "StatusCode": 200,
    }


def get_profile_history_record(r: Any) -> dict[str, Any]:
    p = r.params
    return ops.history_record(_domain(r), p["ProfileId"], p["Id"]).detail()


def list_profile_history_records(r: Any) -> dict[str, Any]:
    p = r.params
    filters = {k: p.get(k) for k in ("ObjectTypeName", "ActionType", "PerformedBy")}
    page, token = ops.history_page(
        _domain(r), p["ProfileId"], filters, p.get("NextToken"), limit_of(p.get("MaxResults"), HISTORY_PAGE)
    )
    out: dict[str, Any] = {"ProfileHistoryRecords": [record.summary() for record in page]}
    if token:
        out["NextToken"] = token
    return out


HANDLERS = {
    "create_profile": create_profile,
    "update_profile": update_profile,
    "delete_profile": delete_profile,
    "add_profile_key": add_profile_key,
    "delete_profile_key": delete_profile_key,
    "search_profiles": search_profiles,
    "batch_get_profile": batch_get_profile,
    "merge_profiles": merge_profiles,
    "list_profile_attribute_values": list_profile_attribute_values,
    "get_profile_history_record": get_profile_history_record,
    "list_profile_history_records": list_profile_history_records,
}
