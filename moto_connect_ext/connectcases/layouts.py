"""Layouts, declared on the resource layer.

A layout places fields of its domain in panels (``topPanel`` and ``moreInfo``
sections of field groups).  The rules that are the layout's own: every field it
places exists, is not deleted and is configurable (not ``status``, ``title``...),
and appears once.  Like every configuration resource of Cases it is soft-deleted:
``GetLayout`` still describes a deleted layout (``deleted``), lists leave it out
and its name is free again.  Fields deleted since a layout was written disappear
from the content it shows.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..core.resources import Container, Quota, Resource, Resources, ResourceType
from . import quotas
from .exceptions import not_found

if TYPE_CHECKING:
    from .models import Domain


def layout_field_ids(content: dict[str, Any]) -> list[str]:
    """Field ids a layout's content places, in order (top panel, then more info)."""
    found: list[str] = []
    basic = content.get("basic", {})
    for panel in ("topPanel", "moreInfo"):
        for section in basic.get(panel, {}).get("sections", []):
            for item in section.get("fieldGroup", {}).get("fields", []):
                found.append(item["id"])
    return found


def _without_fields(content: dict[str, Any], dropped: set[str]) -> dict[str, Any]:
    """A copy of layout content with the given field ids left out."""
    out = copy.deepcopy(content)
    for panel in out.get("basic", {}).values():
        for section in panel.get("sections", []):
            group = section.get("fieldGroup")
            if group is not None:
                group["fields"] = [f for f in group.get("fields", []) if f["id"] not in dropped]
    return out


def _shown_content(layout: Resource) -> dict[str, Any]:
    domain: Domain = layout.parent  # type: ignore[assignment]
    content = layout.attrs["content"]
    dropped = {f for f in layout_field_ids(content) if not domain.is_live_field(f)}
    return _without_fields(content, dropped)


def _check_layout(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    domain: Domain = parent
    domain.check_layout_content(attrs["content"])
    attrs["content"] = copy.deepcopy(attrs["content"])


def _not_found(ident: str, parent: Container | None) -> Exception:
    return not_found("Layout", ident, f"in domain {parent.id}" if parent is not None else "(it is already deleted)")


LAYOUT = ResourceType(
    kind="layout",
    noun="Layout",
    service="connectcases",
    arn_service="cases",
    arn_path="domain/{root}/layout/{id}",
    id_param="layoutId",
    id_names=("layoutId",),
    arn_names=("layoutArn",),
    name_member="name",
    unique_name=True,
    duplicate_code="ConflictException",
    duplicate_message="A layout named {name!r} already exists in domain {parent}",
    tags_member="tags",
    tags_always=True,
    soft_delete=True,
    not_found_error=_not_found,
    computed={"content": _shown_content},
    check=_check_layout,
    # the layouts that are not deleted
    quota=Quota(
        lambda: quotas.LAYOUTS_PER_DOMAIN, message="Domain {parent} would have {count} layouts: the quota is {limit}"
    ),
)
