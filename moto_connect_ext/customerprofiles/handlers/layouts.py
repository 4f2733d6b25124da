"""Domain layouts: create, get, update, delete and list."""

from __future__ import annotations

from typing import Any

from ...core.resources import operations, resource_of
from .. import layouts
from .common import ROOT, shown


def create_domain_layout(r: Any) -> dict[str, Any]:
    p = r.params
    layout = layouts.create(r.backend.resources, r.backend.resource_root(p), r.caller, p["LayoutDefinitionName"], p)
    return shown(r, layout, "CreateDomainLayoutResponse")


def update_domain_layout(r: Any) -> dict[str, Any]:
    layout = layouts.update(r.backend.resources, resource_of(layouts.LAYOUT, r), r.caller, r.params)
    return shown(r, layout, "UpdateDomainLayoutResponse")


def delete_domain_layout(r: Any) -> dict[str, Any]:
    layout = resource_of(layouts.LAYOUT, r)
    r.backend.resources.delete(layout)
    return {"Message": f"Layout {layout.id} was deleted."}


HANDLERS = {
    "create_domain_layout": create_domain_layout,
    "update_domain_layout": update_domain_layout,
    "delete_domain_layout": delete_domain_layout,
    **operations(layouts.LAYOUT, ROOT, describe="GetDomainLayout", list_="ListDomainLayouts"),
}
