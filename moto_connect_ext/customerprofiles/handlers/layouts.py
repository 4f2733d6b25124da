"""Domain layouts: create, get, update, delete and list."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import render
from .. import layouts


def _layout(r: Any) -> Any:
    p = r.params
    return r.backend.resources.get(layouts.LAYOUT, r.backend.resource_root(p), p["LayoutDefinitionName"])


def _shown(r: Any, layout: Any, shape: str) -> dict[str, Any]:
    return render(layout, shape, r.backend.resources.tags)


def create_domain_layout(r: Any) -> dict[str, Any]:
    p = r.params
    layout = layouts.create(r.backend.resources, r.backend.resource_root(p), r.caller, p["LayoutDefinitionName"], p)
    return _shown(r, layout, "CreateDomainLayoutResponse")


def get_domain_layout(r: Any) -> dict[str, Any]:
    return _shown(r, _layout(r), "GetDomainLayoutResponse")


def update_domain_layout(r: Any) -> dict[str, Any]:
    layout = layouts.update(r.backend.resources, _layout(r), r.caller, r.params)
    return _shown(r, layout, "UpdateDomainLayoutResponse")


def delete_domain_layout(r: Any) -> dict[str, Any]:
    layout = _layout(r)
    r.backend.resources.delete(layout)
    return {"Message": f"Layout {layout.id} was deleted."}


def list_domain_layouts(r: Any) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    domain = r.backend.resource_root(p)
    page, token = resources.page(layouts.LAYOUT, domain, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Items": [_shown(r, layout, "LayoutItem") for layout in page], "NextToken": token}


HANDLERS = {
    "create_domain_layout": create_domain_layout,
    "get_domain_layout": get_domain_layout,
    "update_domain_layout": update_domain_layout,
    "delete_domain_layout": delete_domain_layout,
    "list_domain_layouts": list_domain_layouts,
}
