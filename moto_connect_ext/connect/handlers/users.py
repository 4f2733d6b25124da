"""Users: the layer's describe and list, and the operations of their own (create, search, settings,
status, proficiencies)."""

from __future__ import annotations

from typing import Any

from ...core.pagination import decode_token, encode_token, limit_of
from ...core.resources import Resource, Resources, operations, parent_of, render, resource_of
from .. import users
from ..agent_statuses import AGENT_STATUS
from ..exceptions import InvalidParameterException
from ..users import USER
from .common import ROOT


def create_user(r: Any) -> dict[str, Any]:
    user = users.create_user(r.backend.resources, parent_of(USER, r), r.params, r.caller, r.params.get("Tags"))
    return {"UserId": user.id, "UserArn": user.arn}


def delete_user(r: Any) -> None:
    users.delete_user(r.backend.resources, resource_of(USER, r))


def _update(r: Any, changes: dict[str, Any]) -> None:
    r.backend.resources.update(resource_of(USER, r), changes, r.caller)


def update_user_identity_info(r: Any) -> None:
    # the identity information is replaced whole: members left out are cleared
    _update(r, {"IdentityInfo": r.params["IdentityInfo"] or None})


def update_user_phone_config(r: Any) -> None:
    user = resource_of(USER, r)
    r.backend.resources.update(user, users.phone_config_changes(user.attrs, r.params["PhoneConfig"]), r.caller)


def update_user_config(r: Any) -> None:
    if not any(r.params.get(member) for member in users.CHANNEL_CONFIGS):
        raise InvalidParameterException(f"At least one of {', '.join(users.CHANNEL_CONFIGS)} is required")
    user = resource_of(USER, r)
    r.backend.resources.update(user, users.merge_channel_configs(user.attrs, r.params), r.caller)


def update_user_security_profiles(r: Any) -> None:
    _update(r, {"SecurityProfileIds": r.params["SecurityProfileIds"]})


def update_user_hierarchy(r: Any) -> None:
    # without a HierarchyGroupId the user leaves its group
    _update(r, {"HierarchyGroupId": r.params.get("HierarchyGroupId")})


def put_user_status(r: Any) -> None:
    user = resource_of(USER, r)
    status = r.backend.resources.get(AGENT_STATUS, user.parent, r.params["AgentStatusId"])
    users.set_status(user, status)


def _search_summary(user: Resource, resources: Resources) -> dict[str, Any]:
    out = render(user, "UserSearchSummary", resources.tags)
    info = user.attrs.get("IdentityInfo") or {}
    lite = {k: info[k] for k in ("FirstName", "LastName") if k in info}
    if lite:
        out["IdentityInfo"] = lite
    else:
        out.pop("IdentityInfo", None)
    # "When returned by a SearchUsers call, AfterContactWorkTimeLimit is returned in milliseconds"
    phone = dict(out["PhoneConfig"])
    phone["AfterContactWorkTimeLimit"] *= 1000
    out["PhoneConfig"] = phone
    return out


def search_users(r: Any) -> dict[str, Any]:
    params = r.params
    resources: Resources = r.backend.resources
    instance = parent_of(USER, r)
    keep = users.search_predicate(resources, instance, params.get("SearchCriteria"), params.get("SearchFilter"))
    page, token, total = resources.search_page(
        USER, instance, params.get("NextToken"), limit_of(params.get("MaxResults"), 100), keep
    )
    return {"Users": [_search_summary(u, resources) for u in page], "NextToken": token, "ApproximateTotalCount": total}


# -- proficiencies ---------------------------------------------------------------------
def associate_user_proficiencies(r: Any) -> None:
    user = resource_of(USER, r)
    changes = users.associate_proficiencies(user, r.params["UserProficiencies"], r.caller)
    r.backend.resources.update(user, changes, r.caller)


def update_user_proficiencies(r: Any) -> None:
    user = resource_of(USER, r)
    changes = users.update_proficiencies(user, r.params["UserProficiencies"], r.caller)
    r.backend.resources.update(user, changes, r.caller)


def disassociate_user_proficiencies(r: Any) -> None:
    user = resource_of(USER, r)
    changes = users.disassociate_proficiencies(user, r.params["UserProficiencies"], r.caller)
    r.backend.resources.update(user, changes, r.caller)


def list_user_proficiencies(r: Any) -> dict[str, Any]:
    """The user's proficiencies in association order: pages stay right while they come and go."""
    user = resource_of(USER, r)
    token = r.params.get("NextToken")
    after = decode_token(token, "seq") if token else 0
    limit = limit_of(r.params.get("MaxResults"), 100)
    remaining = [p for p in users.proficiencies(user) if p["Seq"] > after]
    page = remaining[:limit]
    out: dict[str, Any] = {
        "UserProficiencyList": [users.public_proficiency(p) for p in page],
        "NextToken": encode_token("seq", page[-1]["Seq"]) if len(remaining) > limit else None,
    }
    modified = user.attrs.get(users.PROFICIENCIES_MODIFIED)
    if modified is not None:
        out["LastModifiedTime"], out["LastModifiedRegion"] = modified
    return out


HANDLERS = {
    **operations(
        USER,
        ROOT,
        describe="DescribeUser",
        list_="ListUsers",
        updates={"UpdateUserRoutingProfile": ("RoutingProfileId",)},
    ),
    "create_user": create_user,
    "delete_user": delete_user,
    "search_users": search_users,
    "update_user_identity_info": update_user_identity_info,
    "update_user_phone_config": update_user_phone_config,
    "update_user_config": update_user_config,
    "update_user_security_profiles": update_user_security_profiles,
    "update_user_hierarchy": update_user_hierarchy,
    "put_user_status": put_user_status,
    "associate_user_proficiencies": associate_user_proficiencies,
    "disassociate_user_proficiencies": disassociate_user_proficiencies,
    "list_user_proficiencies": list_user_proficiencies,
    "update_user_proficiencies": update_user_proficiencies,
}
