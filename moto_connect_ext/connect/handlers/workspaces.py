"""Workspaces: the standard operations from the resource layer, and pages, media and assignments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, operations, render, resource_of
from ..search_criteria import criteria_matcher, tag_matcher
from ..workspaces import (
    ASSOCIATION,
    MEDIA,
    PAGE,
    WORKSPACE,
    associate,
    delete_workspace,
    disassociate,
    find_page,
    import_media,
    live,
)
from .common import ROOT, searcher, tag_filter_of

#: UpdateWorkspacePage's members and the page attributes they set
_PAGE_CHANGES = {"NewPage": "Page", "ResourceArn": "ResourceArn", "Slug": "Slug", "InputData": "InputData"}


def delete(r: Any) -> None:
    delete_workspace(r.backend.resources, resource_of(WORKSPACE, r))


def update_theme(r: Any) -> None:
    # without a Theme, the workspace goes back to Connect's default theme
    r.backend.resources.update(resource_of(WORKSPACE, r), {"Theme": r.params.get("Theme")}, r.caller)


def _touched(r: Any, workspace: Resource) -> None:
    r.backend.resources.touch(workspace, r.caller)


def create_page(r: Any) -> None:
    p = r.params
    workspace = resource_of(WORKSPACE, r)
    attrs = {k: p[k] for k in ("Page", "ResourceArn", "Slug", "InputData") if k in p}
    r.backend.resources.create(PAGE, workspace, attrs, r.caller)
    _touched(r, workspace)


def update_page(r: Any) -> None:
    p = r.params
    workspace = resource_of(WORKSPACE, r)
    page = find_page(workspace, p["Page"])
    changes = {attr: p[member] for member, attr in _PAGE_CHANGES.items() if member in p}
    r.backend.resources.update(page, changes, r.caller)
    _touched(r, workspace)


def delete_page(r: Any) -> None:
    workspace = resource_of(WORKSPACE, r)
    r.backend.resources.delete(find_page(workspace, r.params["Page"]))
    _touched(r, workspace)


def import_workspace_media(r: Any) -> None:
    p = r.params
    workspace = resource_of(WORKSPACE, r)
    import_media(r.backend.resources, workspace, p["MediaType"], p["MediaSource"], r.caller)
    _touched(r, workspace)


def delete_media(r: Any) -> None:
    workspace = resource_of(WORKSPACE, r)
    r.backend.resources.delete(r.backend.resources.get(MEDIA, workspace, r.params["MediaType"]))
    _touched(r, workspace)


def list_media(r: Any) -> dict[str, Any]:
    resources = r.backend.resources
    workspace = resource_of(WORKSPACE, r)
    return {"Media": [render(m, "MediaItem", resources.tags) for m in resources.all(MEDIA, workspace)]}


def _batch(done: list[dict[str, str]], failed: list[dict[str, str]]) -> dict[str, Any]:
    return {"SuccessfulList": done, "FailedList": failed}


def associate_workspace(r: Any) -> dict[str, Any]:
    workspace = resource_of(WORKSPACE, r)
    return _batch(*associate(r.backend.resources, workspace, r.params["ResourceArns"], r.caller))


def disassociate_workspace(r: Any) -> dict[str, Any]:
    workspace = resource_of(WORKSPACE, r)
    return _batch(*disassociate(r.backend.resources, workspace, r.params["ResourceArns"]))


def _association_filter(r: Any) -> Callable[[Resource], bool]:
    """Criteria over the assignment's own fields; the attribute filter over its workspace's tags."""
    params = r.params
    fields: dict[str, Callable[[Resource], Any]] = {
        "workspaceId": lambda a: a.attrs["WorkspaceId"],
        "resourceId": lambda a: a.attrs["ResourceId"],
        "resourceArn": lambda a: a.attrs["ResourceArn"],
        "resourceType": lambda a: a.attrs["ResourceType"],
        "resourceName": lambda a: ASSOCIATION.computed["ResourceName"](a),
    }
    matches = criteria_matcher(params.get("SearchCriteria"), fields)
    tag_filter = tag_filter_of((params.get("SearchFilter") or {}).get("AttributeFilter"))
    tags_match = tag_matcher(tag_filter, "searchFilter.attributeFilter")
    tags = r.backend.tags

    def keep(a: Resource) -> bool:
        if not live(a) or not matches(a):
            return False
        workspace = a.parent.children(WORKSPACE.kind).get(a.attrs["WorkspaceId"])
        return workspace is not None and (not tag_filter or tags_match(tags.get(workspace.arn)))

    return keep


HANDLERS = {
    **operations(
        WORKSPACE,
        ROOT,
        create="CreateWorkspace",
        describe="DescribeWorkspace",
        list_="ListWorkspaces",
        search="SearchWorkspaces",
        updates={
            "UpdateWorkspaceMetadata": ("Name", "Description", "Title"),
            "UpdateWorkspaceVisibility": ("Visibility",),
        },
        search_filter=searcher(
            fields={"visibility": lambda w: w.attrs.get("Visibility"), "title": lambda w: w.attrs.get("Title")}
        ),
    ),
    **operations(PAGE, ROOT, list_="ListWorkspacePages"),
    **operations(ASSOCIATION, ROOT, search="SearchWorkspaceAssociations", search_filter=_association_filter),
    "delete_workspace": delete,
    "update_workspace_theme": update_theme,
    "create_workspace_page": create_page,
    "update_workspace_page": update_page,
    "delete_workspace_page": delete_page,
    "import_workspace_media": import_workspace_media,
    "delete_workspace_media": delete_media,
    "list_workspace_media": list_media,
    "associate_workspace": associate_workspace,
    "disassociate_workspace": disassociate_workspace,
}
