"""Flow modules: create (idempotent with a client token), describe (``$SAVED``, versions), publish or
save content and settings, metadata, delete, list and search; versions and aliases as flows have them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, Resources, operations, parent_of, resource_of
from ..exceptions import IdempotencyException
from ..flow_modules import CONTACT_FLOW_MODULE, MODULES
from ..flows import find, view
from .common import ROOT, delete_created, once, reused, searcher
from .flows import PAGE_SIZE, versioning_handlers, write_content

#: what CreateContactFlowModule keeps
CREATED = ("Name", "Description", "Content", "Settings", "ExternalInvocationConfiguration")


def create_contact_flow_module(r: Any) -> dict[str, Any]:
    p = r.params
    resources: Resources = r.backend.resources

    def new() -> Resource:
        attrs = {k: p[k] for k in CREATED if p.get(k) is not None}
        module: Resource = resources.create(
            CONTACT_FLOW_MODULE, parent_of(CONTACT_FLOW_MODULE, r), attrs, r.caller, p.get("Tags")
        )
        return module

    module = once(
        r,
        "CreateContactFlowModule",
        new,
        mismatch=reused(r, IdempotencyException, "to create a flow module with other parameters"),
    )
    return {"Id": module.id, "Arn": module.arn}


def describe_contact_flow_module(r: Any) -> dict[str, Any]:
    root = parent_of(CONTACT_FLOW_MODULE, r)
    module, qualifier = find(r.backend.resources, MODULES, root, r.params["ContactFlowModuleId"])
    return {"ContactFlowModule": view(MODULES, module, qualifier, r.backend.tags)}


def update_contact_flow_module_content(r: Any) -> None:
    p = r.params
    module, qualifier = find(r.backend.resources, MODULES, parent_of(CONTACT_FLOW_MODULE, r), p["ContactFlowModuleId"])
    other = {"Settings": p["Settings"]} if p.get("Settings") is not None else {}
    write_content(MODULES, r, module, qualifier, p.get("Content"), other)


def update_contact_flow_module_metadata(r: Any) -> None:
    p = r.params
    changes = {k: p[k] for k in ("Name", "Description", "State") if p.get(k) is not None}
    r.backend.resources.update(resource_of(CONTACT_FLOW_MODULE, r), changes, r.caller)


def _list_filter(r: Any) -> Callable[[Resource], bool] | None:
    state = r.params.get("ContactFlowModuleState")
    return None if state is None else (lambda m: m.attrs.get("State") == state)


_search_filter = searcher(
    conditions={
        "StateCondition": lambda value: lambda m: m.attrs.get("State") == value,
        "StatusCondition": lambda value: lambda m: m.attrs.get("Status") == value,
    }
)

HANDLERS = {
    **operations(
        CONTACT_FLOW_MODULE,
        ROOT,
        list_="ListContactFlowModules",
        search="SearchContactFlowModules",
        list_filter=_list_filter,
        search_filter=_search_filter,
        page_size=PAGE_SIZE,
    ),
    "create_contact_flow_module": create_contact_flow_module,
    "describe_contact_flow_module": describe_contact_flow_module,
    "update_contact_flow_module_content": update_contact_flow_module_content,
    "update_contact_flow_module_metadata": update_contact_flow_module_metadata,
    "delete_contact_flow_module": delete_created(CONTACT_FLOW_MODULE),
    **versioning_handlers(
        MODULES, "ContactFlowModule", "ContactFlowModuleVersion", "FlowModuleContentSha256", "ContactFlowModuleArn"
    ),
}
