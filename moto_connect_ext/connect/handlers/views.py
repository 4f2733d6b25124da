"""Views: create (idempotent with a client token), describe (``$LATEST``, ``$SAVED``, versions,
AWS-managed views by ARN), save or publish content, rename, versions, delete, list and search."""

from __future__ import annotations

import json
from typing import Any

from ...core.pagination import limit_of
from ...core.resources import Resource, render
from .. import views as vw
from ..exceptions import InvalidRequestException
from .common import forget, once, reused, root, searcher


def _view(r: Any) -> tuple[Resource, str | None]:
    return vw.find(r.backend.resources, root(r), r.params["ViewId"])


def create_view(r: Any) -> dict[str, Any]:
    p = r.params
    instance = root(r)
    attrs = {k: p[k] for k in ("Name", "Description") if k in p}

    def new() -> Resource:
        return vw.create(r.backend.resources, instance, attrs, p["Content"], p["Status"], r.caller, p.get("Tags"))

    view = once(
        r, "CreateView", new, mismatch=reused(r, InvalidRequestException, "to create a view with other parameters")
    )
    qualifier = vw.LATEST_QUALIFIER if view.attrs.get(vw.LATEST_CONTENT) is not None else vw.SAVED_QUALIFIER
    return {"View": vw.show(r.backend.resources, view, qualifier, qualified_arn=False)}


def describe_view(r: Any) -> dict[str, Any]:
    view, qualifier = _view(r)
    return {"View": vw.show(r.backend.resources, view, qualifier)}


def update_view_content(r: Any) -> dict[str, Any]:
    view, qualifier = _view(r)
    status = r.params["Status"]
    vw.update_content(r.backend.resources, view, qualifier, r.params["Content"], status, r.caller)
    shown = vw.LATEST_QUALIFIER if status == vw.PUBLISHED else vw.SAVED_QUALIFIER
    return {"View": vw.show(r.backend.resources, view, shown, qualified_arn=False)}


def update_view_metadata(r: Any) -> None:
    view, qualifier = _view(r)
    vw.customer_view(view, "UpdateViewMetadata")
    if qualifier not in (None, vw.SAVED_QUALIFIER, vw.LATEST_QUALIFIER):
        raise InvalidRequestException(
            f"Version {qualifier} of view {view.id} is immutable: update the metadata of the view itself"
        )
    changes = {k: r.params[k] for k in ("Name", "Description") if k in r.params}
    if not changes:
        raise InvalidRequestException("UpdateViewMetadata needs a Name or a Description")
    # a view's LastModifiedTime is "Latest timestamp of the UpdateViewContent or CreateViewVersion operations"
    stamped = view.last_modified_time, view.last_modified_region
    r.backend.resources.update(view, changes, r.caller)
    view.last_modified_time, view.last_modified_region = stamped


def delete_view(r: Any) -> None:
    view, qualifier = _view(r)
    vw.delete(r.backend.resources, view, qualifier)
    forget(r, view)


def create_view_version(r: Any) -> dict[str, Any]:
    view, qualifier = _view(r)
    if qualifier is not None:
        raise InvalidRequestException(
            f"CreateViewVersion versions $LATEST: name the view without the {qualifier} qualifier"
        )
    p = r.params
    version = vw.create_version(
        r.backend.resources, view, p.get("VersionDescription"), p.get("ViewContentSha256"), r.caller
    )
    return {"View": vw.show(r.backend.resources, view, version.id)}


def delete_view_version(r: Any) -> None:
    view, qualifier = _view(r)
    vw.delete_version(r.backend.resources, view, qualifier, r.params["ViewVersion"])


def list_view_versions(r: Any) -> dict[str, Any]:
    view, _ = _view(r)
    p = r.params
    if view.attrs.get(vw.MANAGED):
        return {"ViewVersionSummaryList": [vw.version_summary(view, None)]}
    store = view.children(vw.VIEW_VERSION.kind)
    page = vw.walks(view.parent).page(
        f"ListViewVersions:{view.arn}",
        p.get("NextToken"),
        limit_of(p.get("MaxResults"), 100),
        lambda: sorted(store.values(), key=lambda v: -int(v.id)),
        lambda v: v.id,
        store.get,
    )
    out: dict[str, Any] = {"ViewVersionSummaryList": [vw.version_summary(view, v) for v in page.items]}
    if page.next_token:
        out["NextToken"] = page.next_token
    return out


def list_views(r: Any) -> dict[str, Any]:
    p = r.params
    instance = root(r)
    resources = r.backend.resources
    wanted = p.get("Type")
    page = vw.walks(instance).page(
        f"ListViews:{instance.id}:{wanted}",
        p.get("NextToken"),
        limit_of(p.get("MaxResults"), 100),
        lambda: [v for v in vw.every_view(resources, instance) if wanted is None or vw.type_of(v) == wanted],
        lambda v: v.arn,
        lambda arn: vw.lookup(resources, instance, arn),
    )
    out: dict[str, Any] = {"ViewsSummaryList": [render(v, "ViewSummary", resources.tags) for v in page.items]}
    if page.next_token:
        out["NextToken"] = page.next_token
    return out


_search_filter = searcher(
    conditions={
        "ViewTypeCondition": lambda wanted: lambda v: vw.type_of(v) == wanted,
        "ViewStatusCondition": lambda wanted: lambda v: vw.status_of(v) == wanted,
    }
)


def _shown(view: Resource) -> str | None:
    return None if view.attrs.get(vw.LATEST_CONTENT) is not None else vw.SAVED_QUALIFIER


def search_views(r: Any) -> dict[str, Any]:
    p = r.params
    instance = root(r)
    resources = r.backend.resources
    keep = _search_filter(r)
    query = json.dumps({k: p.get(k) for k in ("SearchCriteria", "SearchFilter")}, sort_keys=True, default=str)
    page = vw.walks(instance).page(
        f"SearchViews:{instance.id}:{query}",
        p.get("NextToken"),
        limit_of(p.get("MaxResults"), 100),
        lambda: [v for v in vw.every_view(resources, instance) if keep(v)],
        lambda v: v.arn,
        lambda arn: vw.lookup(resources, instance, arn),
    )
    out: dict[str, Any] = {
        "Views": [vw.show(resources, v, _shown(v), qualified_arn=False) for v in page.items],
        "ApproximateTotalCount": page.total,
    }
    if page.next_token:
        out["NextToken"] = page.next_token
    return out


HANDLERS = {
    "create_view": create_view,
    "describe_view": describe_view,
    "update_view_content": update_view_content,
    "update_view_metadata": update_view_metadata,
    "delete_view": delete_view,
    "create_view_version": create_view_version,
    "delete_view_version": delete_view_version,
    "list_view_versions": list_view_versions,
    "list_views": list_views,
    "search_views": search_views,
}
