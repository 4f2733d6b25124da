"""Quick connects: the layer's standard operations, with the config kept flat."""

from __future__ import annotations

from typing import Any

from ...core.resources import Resources, operations, parent_of, render, resource_of
from ..exceptions import InvalidRequestException
from ..queues import forget_quick_connect
from ..quick_connects import QUICK_CONNECT, config_attrs, user_of
from .common import ROOT, listed_in, searcher


def create_quick_connect(r: Any) -> dict[str, Any]:
    params = r.params
    attrs = {k: params[k] for k in ("Name", "Description") if k in params}
    attrs.update({k: v for k, v in config_attrs(params["QuickConnectConfig"]).items() if v is not None})
    resources: Resources = r.backend.resources
    created = resources.create(QUICK_CONNECT, parent_of(QUICK_CONNECT, r), attrs, r.caller, params.get("Tags"))
    return render(created, "CreateQuickConnectResponse", resources.tags)


def update_quick_connect_name(r: Any) -> None:
    params = r.params
    if "Name" not in params and "Description" not in params:
        raise InvalidRequestException("At least one of Name or Description must be provided")
    changes: dict[str, Any] = {}
    if "Name" in params:
        changes["Name"] = params["Name"]
    if "Description" in params:
        # the update takes an empty description: it clears the description
        changes["Description"] = params["Description"] or None
    # a taken name: UpdateQuickConnectName models no duplicate error, so it is a bad parameter
    # (``ServiceError.instead``)
    r.backend.resources.update(resource_of(QUICK_CONNECT, r), changes, r.caller)


def update_quick_connect_config(r: Any) -> None:
    quick_connect = resource_of(QUICK_CONNECT, r)
    attrs = config_attrs(r.params["QuickConnectConfig"])
    if attrs.get("UserId") is not None:
        # the request names the user: it must exist now, even if the quick connect named it before
        user_of(quick_connect.parent, attrs["UserId"])
    r.backend.resources.update(quick_connect, attrs, r.caller)


def delete_quick_connect(r: Any) -> None:
    quick_connect = resource_of(QUICK_CONNECT, r)
    r.backend.resources.delete(quick_connect)
    forget_quick_connect(r.backend.resources, quick_connect.parent, quick_connect.id)


HANDLERS = {
    **operations(
        QUICK_CONNECT,
        ROOT,
        describe="DescribeQuickConnect",
        list_="ListQuickConnects",
        search="SearchQuickConnects",
        list_filter=listed_in("QuickConnectTypes", "QuickConnectType"),
        search_filter=searcher(),
    ),
    "create_quick_connect": create_quick_connect,
    "update_quick_connect_name": update_quick_connect_name,
    "update_quick_connect_config": update_quick_connect_config,
    "delete_quick_connect": delete_quick_connect,
}
